import NeuralTraining

BLAS.relaunchWithNativeKernelsIfNeeded()
Workbook.main()
