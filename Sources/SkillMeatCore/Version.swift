/// The version `skillmeat --version` prints and records carry.
public enum SkillMeatVersion {
    public static let current = "0.1.0"
}
