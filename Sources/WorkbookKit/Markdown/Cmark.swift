import Ccmark
import Foundation

/// The boundary with the cmark C library: the only file that imports it.
///
/// Every function copies what it needs into Swift values and frees every cmark object before
/// returning; no C pointer leaves this file.
public enum Cmark {
    /// Parses CommonMark text into a tree of Swift values with source positions.
    ///
    /// The tree is copied iteratively, and nodes nested deeper than `maxDepth` are left out (their
    /// parent is marked `isTruncated`), so no input can exhaust the stack of code that walks it.
    public static func parse(_ markdown: String, maxDepth: Int = 64) -> MarkdownNode {
        let document: OpaquePointer = markdown.withCString { pointer in
            cmark_parse_document(pointer, markdown.utf8.count, CMARK_OPT_DEFAULT)
        }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else {
            return MarkdownNode(kind: .document)
        }
        defer { cmark_iter_free(iterator) }

        var stack: [MarkdownNode] = []
        var root = MarkdownNode(kind: .document)
        var skippedDepth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let isLeaf = !isContainer(node)
            if skippedDepth > 0 || (event == CMARK_EVENT_ENTER && stack.count > maxDepth) {
                if !isLeaf { skippedDepth += event == CMARK_EVENT_ENTER ? 1 : -1 }
                stack[stack.count - 1].isTruncated = true
                continue
            }
            if event == CMARK_EVENT_ENTER {
                let copy = copyFields(of: node)
                if isLeaf {
                    stack[stack.count - 1].children.append(copy)
                } else {
                    stack.append(copy)
                }
            } else if event == CMARK_EVENT_EXIT {
                let finished = stack.removeLast()
                if stack.isEmpty {
                    root = finished
                } else {
                    stack[stack.count - 1].children.append(finished)
                }
            }
        }
        return root
    }

    /// Renders CommonMark text to HTML with cmark's safe default: raw HTML and dangerous URLs are
    /// left out, not passed through.
    public static func html(fromMarkdown markdown: String) -> String {
        markdown.withCString { pointer in
            guard let rendered = cmark_markdown_to_html(pointer, markdown.utf8.count, CMARK_OPT_DEFAULT) else {
                return ""
            }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    /// The version of the linked cmark library, such as `0.30.2`.
    public static var version: String {
        String(cString: cmark_version_string())
    }

    /// Whether cmark's iterator sends an exit event for this node (containers do, even when empty).
    private static func isContainer(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE,
            CMARK_NODE_HTML_INLINE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK,
            CMARK_NODE_THEMATIC_BREAK:
            return false
        default:
            return true
        }
    }

    private static func copyFields(of node: OpaquePointer) -> MarkdownNode {
        var copy = MarkdownNode(
            kind: kind(of: cmark_node_get_type(node)),
            startLine: Int(cmark_node_get_start_line(node)),
            startColumn: Int(cmark_node_get_start_column(node)),
            endLine: Int(cmark_node_get_end_line(node)),
            endColumn: Int(cmark_node_get_end_column(node)))
        switch copy.kind {
        case .text, .code, .codeBlock, .htmlBlock, .htmlInline:
            copy.literal = string(cmark_node_get_literal(node))
            if copy.kind == .codeBlock {
                copy.fenceInfo = string(cmark_node_get_fence_info(node))
            }
        case .heading:
            copy.headingLevel = Int(cmark_node_get_heading_level(node))
        case .link, .image:
            copy.url = string(cmark_node_get_url(node))
            copy.title = string(cmark_node_get_title(node))
        case .list:
            copy.isOrderedList = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            copy.listStart = Int(cmark_node_get_list_start(node))
            copy.isTightList = cmark_node_get_list_tight(node) != 0
        default:
            break
        }
        return copy
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func kind(of type: cmark_node_type) -> MarkdownNode.Kind {
        switch type {
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: return .customBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: return .customInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        default: return .document
        }
    }
}
