#!/usr/bin/env bash
# Extracts public source code for the analyzer cost harness into DIR. Never commit DIR.
# usage: .ci/get-corpus.sh GIT_DIR_OR_CHECKOUT DIR [PATH...]
# PATHs (optional, git sources only) restrict the extraction to those folders of the repository.
# Prints the commit extracted and the number of C# lines under DIR.
set -euo pipefail
source="${1:?usage: get-corpus.sh GIT_DIR_OR_CHECKOUT DIR [PATH...]}"
target="${2:?usage: get-corpus.sh GIT_DIR_OR_CHECKOUT DIR [PATH...]}"
shift 2
mkdir -p "$target"
if [ -d "$source/.git" ] || [ -f "$source/HEAD" ]; then
  git_dir="$( [ -d "$source/.git" ] && echo "$source/.git" || echo "$source")"
  echo "commit $(git --git-dir="$git_dir" rev-parse HEAD)"
  git --git-dir="$git_dir" archive HEAD -- "$@" | tar -x -C "$target"
else
  cp -r "$source"/. "$target"
fi
find "$target" -name '*.cs' -print0 | xargs -0 cat | wc -l
