/// The sidebar of every page: the search box, every chapter, and the current chapter's sections.
struct Sidebar {
    var outlines: [ChapterOutline]
    /// The modules with an API reference page.
    var apiModules: [String] = []

    /// The sidebar's HTML with `current` (a page's file name) marked and, for a chapter, its
    /// sections listed.
    func html(current: String) -> String {
        var html = """
            <div class="search" role="search">
            <input type="search" id="search-input" placeholder="Search the book" aria-label="Search the book" autocomplete="off" spellcheck="false">
            <div id="search-results" class="search-results" hidden></div>
            </div>
            <nav class="toc" aria-label="Chapters">
            <ol class="chapters">

            """
        for outline in outlines {
            let isCurrent = outline.page == current
            let number = outline.label.map { "<span class=\"chapter-number\">\($0)</span> " } ?? ""
            html += "<li\(isCurrent ? " class=\"current\"" : "")><a href=\"\(outline.page)\"\(isCurrent ? " aria-current=\"page\"" : "")>\(number)\(HTML.escape(outline.title))</a>"
            if isCurrent {
                let sections = outline.headings.filter { $0.level == 2 || $0.level == 3 }
                if !sections.isEmpty {
                    html += "\n<ol class=\"sections\">\n"
                    for heading in sections {
                        html += "<li class=\"level-\(heading.level)\"><a href=\"#\(HTML.escape(heading.anchor))\">\(HTML.escape(heading.title))</a></li>\n"
                    }
                    html += "</ol>\n"
                }
            }
            html += "</li>\n"
        }
        html += "</ol>\n<ul class=\"extras\">\n"
        let extras = [("exercises.html", "All exercises"), ("errata.html", "Errata")] + apiModules.map { (APIReference.page(of: $0), "API: \($0)") }
        for (page, title) in extras {
            let isCurrent = page == current
            html += "<li\(isCurrent ? " class=\"current\"" : "")><a href=\"\(page)\"\(isCurrent ? " aria-current=\"page\"" : "")>\(title)</a></li>\n"
        }
        return html + "</ul>\n</nav>\n"
    }
}
