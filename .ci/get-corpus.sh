#!/usr/bin/env bash
# Extracts the public benchmark corpus (TorchSharp's sources) into DIR. Never commit DIR.
# usage: .ci/get-corpus.sh GIT_DIR_OR_CHECKOUT DIR
set -euo pipefail
source="${1:?usage: get-corpus.sh GIT_DIR_OR_CHECKOUT DIR}"
target="${2:?usage: get-corpus.sh GIT_DIR_OR_CHECKOUT DIR}"
mkdir -p "$target"
if [ -d "$source/.git" ] || [ -f "$source/HEAD" ]; then
  git --git-dir="$( [ -d "$source/.git" ] && echo "$source/.git" || echo "$source")" archive HEAD | tar -x -C "$target"
else
  cp -r "$source"/. "$target"
fi
find "$target" -name '*.cs' -print0 | xargs -0 cat | wc -l
