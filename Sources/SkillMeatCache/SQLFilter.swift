import GRDB

/// The conditions of a filtered listing and their arguments, added one at a time, so the catalog and
/// the collection cache write the filters they share (type, text search) the same way.
struct SQLFilter {
    private(set) var clauses: [String]
    private(set) var arguments: StatementArguments

    init(_ clauses: [String] = [], arguments: StatementArguments = []) {
        self.clauses = clauses
        self.arguments = arguments
    }

    /// Adds `clause` with the values of its placeholders, in order.
    mutating func add(_ clause: String, _ values: [(any DatabaseValueConvertible)?] = []) {
        clauses.append(clause)
        arguments += StatementArguments(values)
    }

    /// `column = ?` when there is a value; nothing otherwise.
    mutating func add(_ column: String, equals value: (any DatabaseValueConvertible)?) {
        guard let value else { return }
        add("\(column) = ?", [value])
    }

    /// A case-insensitive substring match of `text` in any of `columns`; nothing for no or empty text.
    mutating func add(searching text: String?, in columns: [String]) {
        guard let text, !text.isEmpty else { return }
        add("(" + columns.map { "instr(lower(\($0)), lower(?)) > 0" }.joined(separator: " OR ") + ")", Array(repeating: text, count: columns.count))
    }

    /// `WHERE …` joining every condition, or nothing when there is none.
    var whereClause: String {
        clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
    }
}
