#!/usr/bin/env python3
"""The web benchmark's URL mix, from a catalog database (so the server is not warmed up by it).

usage: mix.py DB OUT_DIR BASE_URL
Writes OUT_DIR/ours.txt (paths on cachescope) and OUT_DIR/static.txt (the same pages as files
for nginx, under OUT_DIR/root), fetching each page once from BASE_URL: that first, cold pass is
timed and its p50/p99 printed as "cold_p50_ms cold_p99_ms errors".
"""
import json, random, sqlite3, sys, time, urllib.parse, urllib.request, os

db, out, base = sys.argv[1], sys.argv[2], sys.argv[3].rstrip("/")
r = random.Random(1)
c = sqlite3.connect(db)
tags = [t for (t,) in c.execute("SELECT tag FROM tag_summaries ORDER BY packages DESC")]
# 12 tags: develop, the newest releases and snapshots (as a user would visit them)
rel = sorted([t for t in tags if t.startswith("v")], reverse=True)[:5]
snap = sorted([t for t in tags if t.startswith("develop-")], reverse=True)[:6]
chosen = (["develop"] if "develop" in tags else []) + rel + snap
q = urllib.parse.quote
urls = []
names = set()
for tag in chosen:
    pkgs = list(c.execute("SELECT name, oss, compilers FROM package_summaries WHERE tag = ?", (tag,)))
    r.shuffle(pkgs)
    for name, oss, compilers in pkgs[:120]:
        urls.append("/package/%s/%s/" % (q(tag), q(name)))
        names.add(name)
    for name, oss, compilers in pkgs[120:160]:
        oss, compilers = json.loads(oss), json.loads(compilers)
        facet = ("os", r.choice(oss)) if r.random() < 0.5 else ("compiler", r.choice(compilers))
        urls.append("/package/%s/%s/?%s=%s" % (q(tag), q(name), facet[0], q(facet[1])))
    hashes = [h for (h,) in c.execute(
        "SELECT m.hash FROM published p JOIN memberships m ON m.generation = p.generation "
        "WHERE p.tag = ? AND m.in_buildcache = 1 ORDER BY m.hash LIMIT 4000", (tag,))]
    for h in r.sample(hashes, min(50, len(hashes))):
        urls.append("/spec/%s" % h)
        if r.random() < 0.1:
            urls.append("/search/?q=%s" % q("/" + h[:6]))
for name in r.sample(sorted(names), min(300, len(names))):
    urls.append("/package/%s/" % q(name))
for name in r.sample(sorted(names), 160):
    kind = r.random()
    query = name[:max(2, len(name) // 2)] if kind < 0.5 else name + "@0:" if kind < 0.8 else name + " os=ubuntu22.04"
    urls.append("/search/?q=%s" % q(query))
urls = list(dict.fromkeys(urls))
os.makedirs(os.path.join(out, "root", "u"), exist_ok=True)
times, errors = [], 0
with open(os.path.join(out, "ours.txt"), "w") as ours, open(os.path.join(out, "static.txt"), "w") as static:
    for i, u in enumerate(urls):
        t = time.perf_counter()
        try:
            body = urllib.request.urlopen(base + u, timeout=30).read()
        except Exception as e:
            errors += 1
            body = b""
        times.append((time.perf_counter() - t) * 1000)
        with open(os.path.join(out, "root", "u", "%d.html" % i), "wb") as f:
            f.write(body)
        ours.write(u + "\n")
        static.write("/u/%d.html\n" % i)
times.sort()
print("%d %.1f %.1f %d" % (len(urls), times[len(times) // 2], times[int(len(times) * 0.99)], errors))
