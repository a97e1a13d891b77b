# SPDX-License-Identifier: MIT
# make preload-check's python3 workload: dicts, strings, lists and json over a
# few hundred thousand objects, printing digests of what it built, so that a
# run on another allocator must print the same lines.
import hashlib
import json
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 300000


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:16]


records = []
index = {}
for k in range(count):
    name = "item-%06d-%s" % (k, "x" * (k % 17))
    record = {"id": k, "name": name, "tags": [name[:4], str(k % 97), str(k % 13)],
              "value": (k * 7919) % 100003 / 7.0}
    records.append(record)
    index.setdefault(k % 1000, []).append(name)

text = json.dumps(records, sort_keys=True)
print("records", len(records), "json bytes", len(text), "digest", digest(text))
loaded = json.loads(text)
print("round trip equal", loaded == records)

words = " ".join(r["name"] for r in loaded).split(" ")
words.sort(key=lambda w: (len(w), w[::-1]))
print("words", len(words), "digest", digest("|".join(words)))

groups = {key: ",".join(sorted(names)) for key, names in index.items()}
print("groups", len(groups), "digest", digest(json.dumps(groups, sort_keys=True)))

del records, loaded, words
strings = ["%d:%s" % (k, "y" * (k % 300)) for k in range(count)]
joined = "".join(reversed(strings))
print("strings", len(strings), "joined", len(joined), "digest", digest(joined))
