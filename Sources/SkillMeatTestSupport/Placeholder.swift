enum Placeholder_SkillMeatTestSupport {}
