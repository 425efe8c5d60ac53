import Foundation

/// Writes a site into its folder in one step: the files go to a new folder beside it, which then
/// takes the old one's place in a single atomic exchange. A build that fails before this step, a
/// write that fails during it, or a process killed at any point leaves a whole site at the path,
/// the previous one or the new one.
///
/// Publishing holds the folder's `SiteLock`, so concurrent builds of one folder take turns, and
/// first removes the staging folders of earlier builds that were killed (`.NAME.new-TOKEN` and
/// `.NAME.old-TOKEN`, the only names it gives). It replaces nothing but an empty folder or one it
/// wrote: a mistyped `--output` never replaces a user's file, link or folder.
public struct SitePublisher: Sendable {
    /// The site's folder.
    public var folder: URL
    /// Seconds to wait for another build of the same folder to finish before giving up.
    public var lockTimeout = 60.0

    /// A publisher into `folder`.
    public init(folder: URL) {
        self.folder = folder.standardizedFileURL
    }

    /// The file every site this tool writes contains; a folder without it is not replaced.
    static let signature = "assets/workbook.js"

    /// Checks that publishing may take the folder's path: nothing is there, or an empty folder, or a
    /// folder `workbook build` wrote (it has `assets/workbook.js`).
    ///
    /// - Throws: `SiteBuildError` naming the path when it is a file, a symbolic link (even to a
    ///   site), anything else that is not a folder, or a folder that is not empty and was not written
    ///   by `workbook build`.
    public func checkDestination() throws {
        let manager = FileManager.default
        guard let attributes = try? manager.attributesOfItem(atPath: folder.path) else { return }
        let choose = "nothing was written. Choose a new or empty folder for the site."
        switch attributes[.type] as? FileAttributeType {
        case .typeDirectory?:
            break
        case .typeRegular?:
            throw SiteBuildError(errors: [], advice: "\(folder.path) is a file, not a site folder; \(choose)")
        case .typeSymbolicLink?:
            throw SiteBuildError(
                errors: [], advice: "\(folder.path) is a symbolic link; the site is written as a real folder and never replaces a link, so \(choose)")
        default:
            throw SiteBuildError(errors: [], advice: "\(folder.path) exists and is not a folder; \(choose)")
        }
        let contents = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
        let signature = try? manager.attributesOfItem(atPath: folder.appendingPathComponent(Self.signature).path)
        if !contents.isEmpty, signature?[.type] as? FileAttributeType != .typeRegular {
            throw SiteBuildError(
                errors: [],
                advice: "\(folder.path) is not empty and was not written by `workbook build` (it has no \(Self.signature)); \(choose)")
        }
    }

    /// Replaces the folder's contents with `site`.
    ///
    /// - Throws: `SiteBuildError` naming the path when `checkDestination` refuses it, another build
    ///   holds the folder for longer than `lockTimeout`, or a file cannot be written.
    public func publish(_ site: SiteFiles) throws {
        _ = try publish(rendering: { site })
    }

    /// Takes the folder's lock, removes what killed builds left, renders the site with `render` and
    /// replaces the folder's contents with it, then lets the next build in.
    ///
    /// Rendering happens under the lock so that two builds publish in the order they rendered.
    ///
    /// - Returns: what `render` returned.
    /// - Throws: what `render` throws (nothing is written then), or `SiteBuildError` as `publish(_:)`.
    @discardableResult
    public func publish(rendering render: () throws -> SiteFiles) throws -> SiteFiles {
        try checkDestination()
        let parent = folder.deletingLastPathComponent()
        try attempt("create the folder", parent) {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        }
        let lock = try SiteLock.acquire(for: folder, timeout: lockTimeout)
        defer { lock.release() }
        try checkDestination()
        sweepLeftovers()
        let site = try render()
        let token = UUID().uuidString.prefix(8)
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).new-\(token)")
        do {
            try write(site, into: staging)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        try replace(with: staging, retired: parent.appendingPathComponent(".\(folder.lastPathComponent).old-\(token)"))
        return site
    }

    /// Whether `entry`, a name in the folder's parent, is a staging folder that `publish` names:
    /// `.NAME.new-TOKEN` or `.NAME.old-TOKEN`, with eight upper-case hexadecimal digits.
    static func isLeftover(_ entry: String, ofFolderNamed name: String) -> Bool {
        for kind in ["new", "old"] {
            let prefix = ".\(name).\(kind)-"
            guard entry.hasPrefix(prefix) else { continue }
            let token = entry.dropFirst(prefix.count)
            return token.count == 8 && token.allSatisfy { "0123456789ABCDEF".contains($0) }
        }
        return false
    }

    /// Removes the staging folders of earlier builds of this folder that were killed before they
    /// finished; only real folders with the names `publish` gives, never a file or a link.
    ///
    /// A build killed between the two renames of the fallback left no folder, only the previous
    /// site at `.NAME.old-TOKEN`: that site is put back rather than removed, so a render that
    /// fails now still leaves it served.
    func sweepLeftovers() {
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let leftovers = ((try? manager.contentsOfDirectory(atPath: parent.path)) ?? [])
            .filter { Self.isLeftover($0, ofFolderNamed: folder.lastPathComponent) }
            .map { parent.appendingPathComponent($0) }
            .filter { (try? manager.attributesOfItem(atPath: $0.path))?[.type] as? FileAttributeType == .typeDirectory }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        var restored = (try? manager.attributesOfItem(atPath: folder.path)) != nil
        for url in leftovers {
            if !restored, url.lastPathComponent.hasPrefix(".\(folder.lastPathComponent).old-"),
                manager.fileExists(atPath: url.appendingPathComponent(Self.signature).path),
                (try? manager.moveItem(at: url, to: folder)) != nil
            {
                restored = true
                continue
            }
            try? manager.removeItem(at: url)
        }
    }

    private func write(_ site: SiteFiles, into staging: URL) throws {
        let manager = FileManager.default
        try attempt("create the folder", staging) {
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        }
        for path in site.paths {
            precondition(
                !path.hasPrefix("/") && !path.split(separator: "/").contains(".."),
                "SitePublisher.publish: the site's path \(path) leaves the folder")
            let url = staging.appendingPathComponent(path)
            try attempt("write", folder.appendingPathComponent(path)) {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try site.files[path]!.write(to: url)
            }
        }
    }

    /// Puts `staging` at the folder's path. An existing folder is exchanged with it in one step and
    /// then removed; where the file system cannot exchange, it is moved to `retired` first and put
    /// back if the second move fails.
    private func replace(with staging: URL, retired: URL) throws {
        let manager = FileManager.default
        let hadFolder = (try? manager.attributesOfItem(atPath: folder.path)) != nil
        do {
            if !hadFolder {
                try manager.moveItem(at: staging, to: folder)
            } else if try FolderExchange.exchange(staging, folder) {
                try? manager.removeItem(at: staging)
            } else {
                try manager.moveItem(at: folder, to: retired)
                do {
                    try manager.moveItem(at: staging, to: folder)
                } catch {
                    try? manager.moveItem(at: retired, to: folder)
                    throw error
                }
                try? manager.removeItem(at: retired)
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw SiteBuildError(errors: [], advice: "cannot replace \(folder.path): \(Self.reason(error)); the previous site is unchanged.")
        }
    }

    /// Runs `body`, turning a file system error into a `SiteBuildError` that names `url`.
    private func attempt(_ action: String, _ url: URL, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            throw SiteBuildError(errors: [], advice: "cannot \(action) \(url.path): \(Self.reason(error)); nothing was published.")
        }
    }

    /// The system's words for a file system error, without Foundation's wrapping.
    static func reason(_ error: Error) -> String {
        let error = error as NSError
        let underlying = (error.userInfo[NSUnderlyingErrorKey] as? NSError) ?? error
        if underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return error.localizedDescription
    }
}
