#!/bin/sh
# Prints the staged files and a short diff summary for the commit-message skill.
git diff --cached --stat
