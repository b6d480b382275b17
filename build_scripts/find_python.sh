#!/usr/bin/env bash
# Print the path of a Python >= 3.12 that really runs (pyenv shims may exist and refuse).
for cand in python3.12 python3.13; do
  if command -v "$cand" >/dev/null && "$cand" -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null; then
    command -v "$cand"; exit 0
  fi
done
if command -v pyenv >/dev/null; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.(1[2-9])' | sort -V); do
    p="$(pyenv root)/versions/$v/bin/python3"
    [ -x "$p" ] && "$p" -c 'import sys' 2>/dev/null && { echo "$p"; exit 0; }
  done
fi
echo "Fant ingen Python 3.12 eller nyere" >&2
exit 1
