#!/bin/sh
# Refuses edits to dependency lock files: reads the tool call on stdin, exits 2 to block it.
if grep -q -E '"file_path": *"[^"]*(Package\.resolved|package-lock\.json|Cargo\.lock)"'; then
  echo "Lock files are generated; change the manifest and re-resolve instead." >&2
  exit 2
fi
exit 0
