extension KeyedEncodingContainer {
    /// Encodes each value under its key, a nil one as `null`: for outputs whose clients read absent
    /// values as `null` rather than as missing keys (SkillMeat's API), written as one list.
    public mutating func encodeFields(_ fields: KeyValuePairs<Key, any Encodable>) throws {
        for (key, value) in fields { try encode(value, forKey: key) }
    }
}
