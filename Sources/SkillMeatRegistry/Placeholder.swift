enum Placeholder_SkillMeatRegistry {}
