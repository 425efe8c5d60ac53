// Debian's libopenblas-dev installs cblas.h under /usr/include/<triplet>/openblas-pthread/,
// which `pkg-config --cflags openblas` adds to the include path.
#include <cblas.h>
