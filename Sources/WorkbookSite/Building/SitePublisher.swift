import Foundation

/// Writes a site into its folder all at once: the files go to a new folder beside it, which then
/// takes the old one's place. A build that fails before this step, or a write that fails during
/// it, leaves the previous site whole.
public struct SitePublisher: Sendable {
    /// The site's folder.
    public var folder: URL

    /// A publisher into `folder`.
    public init(folder: URL) {
        self.folder = folder.standardizedFileURL
    }

    /// The file every site this tool writes contains; a folder without it is not replaced.
    static let signature = "assets/workbook.js"

    /// Replaces the folder's contents with `site`.
    ///
    /// - Throws: `SiteBuildError` when the folder exists, is not empty and was not written by
    ///   `workbook build` (it has no `assets/workbook.js`): a mistyped `--output` never replaces a
    ///   user's folder.
    public func publish(_ site: SiteFiles) throws {
        let manager = FileManager.default
        if let contents = try? manager.contentsOfDirectory(atPath: folder.path), !contents.isEmpty,
            !manager.fileExists(atPath: folder.appendingPathComponent(Self.signature).path)
        {
            throw SiteBuildError(
                errors: [],
                advice: "\(folder.path) is not empty and was not written by `workbook build` (it has no \(Self.signature)); nothing was written. Choose a new or empty folder.")
        }
        let parent = folder.deletingLastPathComponent()
        let name = folder.lastPathComponent
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let token = UUID().uuidString.prefix(8)
        let staging = parent.appendingPathComponent(".\(name).new-\(token)")
        let retired = parent.appendingPathComponent(".\(name).old-\(token)")
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            for path in site.paths {
                let url = staging.appendingPathComponent(path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try site.files[path]!.write(to: url)
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
        let hadSite = manager.fileExists(atPath: folder.path)
        if hadSite {
            try manager.moveItem(at: folder, to: retired)
        }
        do {
            try manager.moveItem(at: staging, to: folder)
        } catch {
            if hadSite { try? manager.moveItem(at: retired, to: folder) }
            try? manager.removeItem(at: staging)
            throw error
        }
        if hadSite { try? manager.removeItem(at: retired) }
    }
}
