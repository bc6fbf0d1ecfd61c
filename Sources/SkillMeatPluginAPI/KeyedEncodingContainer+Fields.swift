extension KeyedEncodingContainer {
    /// Encodes each value under its key, a nil one as `null`: for outputs whose clients read absent
    /// values as `null` rather than as missing keys (SkillMeat's API), written as one list.
    public mutating func encodeFields(_ fields: KeyValuePairs<Key, any Encodable>) throws {
        for (key, value) in fields { try encode(value, forKey: key) }
    }
}

extension Encoder {
    /// `KeyedEncodingContainer.encodeFields` in a container keyed by `keys`: the whole of an output's
    /// `encode(to:)` when every field is written, nil ones as `null`.
    public func encodeFields<Key: CodingKey>(_ keys: Key.Type, _ fields: KeyValuePairs<Key, any Encodable>) throws {
        var keyed = self.container(keyedBy: keys)
        try keyed.encodeFields(fields)
    }
}
