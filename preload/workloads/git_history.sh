#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make preload-check's git workload: a generated repository of a few hundred
# files and several commits, with fixed names and dates, so that every object
# id and the log are the same on every run.
#
#   git_history.sh DIR    (DIR is created; prints the log, the tree and an fsck)
set -euo pipefail
dir=$1
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
export HOME=$dir GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="Ada Author" GIT_AUTHOR_EMAIL=ada@example.org
export GIT_COMMITTER_NAME="Cy Committer" GIT_COMMITTER_EMAIL=cy@example.org
git init -q -b main repo
cd repo
for commit in 1 2 3 4 5 6; do
    for d in $(seq 1 8); do
        mkdir -p "dir$d"
        for f in $(seq 1 $((20 + commit * 5))); do
            {
                echo "file $d/$f, revision $commit"
                seq $((f * commit)) $((f * commit + 200 + d))
            } >"dir$d/file$f.txt"
        done
    done
    export GIT_AUTHOR_DATE="2026-01-0${commit}T12:00:00Z" GIT_COMMITTER_DATE="2026-01-0${commit}T12:30:00Z"
    git add -A
    git commit -q -m "revision $commit: $(git status --porcelain | wc -l) paths changed"
done
git log --stat --format='%H %an %ad %cn %cd%n%s' --date=iso-strict
git ls-tree -r HEAD | sha256sum
git diff HEAD~3 HEAD | sha256sum
git gc -q
git fsck --strict
git count-objects -v | grep -v size
