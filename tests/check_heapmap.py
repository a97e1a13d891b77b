#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check tagheap_dump_json snapshots and the heap maps tools/heapmap.py draws.

    check_heapmap.py DIR...
    check_heapmap.py --png PICTURE.png MAP.svg

For every DIR/NAME.json: it parses as strict JSON (no duplicate keys, no NaN);
its layout tiles the region; its blocks tile the block area from the first
header (to the end marker, or to the damaged header); its statistics agree
with the blocks and, where DIR/NAME.stats exists (tests/json_snapshots.c
writes it with tagheap_get_stats), with tagheap_get_stats.  Then each snapshot
and the whole DIR as a strip are drawn: the SVG must be well-formed XML, each
heap's rectangles must add up to its region in bytes and in pixels, every
block must have a tooltip, and no address may appear unless asked for.
With --png: the rendered picture (rsvg-convert's) has the SVG's size and
shows the allocated, free and overhead colours, so a blank or broken
rendering fails.
Standard library only.
"""
import contextlib
import io
import json
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import heapmap  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
PARTS = ["alignment", "state", "heads", "start_map", "padding", "first_word", "blocks",
         "end_marker", "unused"]
STATS = ["capacity", "allocated_bytes", "free_bytes", "largest_free", "peak_allocated", "extent",
         "blocks", "free_blocks", "failed_allocs"]
HEADER = 8

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
    return condition


def strict_object(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key in %s" % keys)
    return dict(pairs)


def refuse_constant(name):
    raise ValueError("not JSON: %s" % name)


def load_strict(path):
    with open(path, encoding="utf-8") as f:
        value = json.load(f, object_pairs_hook=strict_object, parse_constant=refuse_constant)
    if "snapshot" in value:
        value = value["snapshot"]
    return value


def check_snapshot(name, s, stats_file):
    check(s["format"] == "tagheap-snapshot" and s["version"] == 1, "%s: format/version" % name)
    region = s["region"]["bytes"]
    # the layout tiles the region, in the documented order
    check([p["part"] for p in s["layout"]] == PARTS, "%s: layout parts %s" % (name, s["layout"]))
    at = 0
    for part in s["layout"]:
        check(part["offset"] == at and part["bytes"] >= 0, "%s: layout gap at %s" % (name, part))
        at += part["bytes"]
    check(at == region, "%s: layout covers %d of %d region bytes" % (name, at, region))
    part = {p["part"]: p for p in s["layout"]}
    o = s["overhead"]
    check(o["state"] == part["state"]["bytes"] and o["heads"] == part["heads"]["bytes"]
          and o["start_map"] == part["start_map"]["bytes"]
          and o["alignment"] == part["alignment"]["bytes"] + part["padding"]["bytes"]
          and o["block_area_ends"] == 2 * HEADER and o["unused"] == part["unused"]["bytes"]
          and o["total"] == region - part["blocks"]["bytes"]
          and o["total"] == sum(v for k, v in o.items() if k != "total"),
          "%s: overhead %s disagrees with the layout" % (name, o))
    area = s["block_area"]
    check(area["region_offset"] == part["first_word"]["offset"]
          and area["bytes"] == HEADER + part["blocks"]["bytes"] + HEADER
          and area["first_header"] == HEADER and area["end_marker"] == area["bytes"] - HEADER,
          "%s: block_area %s" % (name, area))
    # the blocks tile the block area from the first header
    base = int(s["region"]["address"], 16) + area["region_offset"]
    at, previous = HEADER, "none"
    for b in s["blocks"]:
        check(b["offset"] == at, "%s: block at %d, expected %d" % (name, b["offset"], at))
        check(b["size"] >= 32 and b["size"] % 16 == 0, "%s: block size %d" % (name, b["size"]))
        check(b["status"] in ("allocated", "free"), "%s: status %s" % (name, b["status"]))
        check(b["previous"] == previous, "%s: block %d previous %s, expected %s"
              % (name, b["offset"], b["previous"], previous))
        check(b["payload_offset"] == b["offset"] + HEADER
              and int(b["payload"], 16) == base + b["payload_offset"]
              and int(b["payload"], 16) % 16 == 0, "%s: payload of %s" % (name, b))
        check(not (b["status"] == previous == "free"), "%s: adjacent free blocks" % name)
        at, previous = at + b["size"], b["status"]
    if s["walk"] == "complete":
        check(at == area["end_marker"] and s["damaged_offset"] is None,
              "%s: blocks end at %d, end marker at %d" % (name, at, area["end_marker"]))
    else:
        check(s["walk"] == "damaged" and s["damaged_offset"] == at
              and re.fullmatch(r"0x[0-9a-f]+", s["damaged_header"]) is not None,
              "%s: damaged walk stops at %s, blocks end at %d" % (name, s["damaged_offset"], at))
    # the statistics agree with the blocks ...
    st = s["stats"]
    free = [b["size"] - HEADER for b in s["blocks"] if b["status"] == "free"]
    used = [b["size"] - HEADER for b in s["blocks"] if b["status"] == "allocated"]
    check(st["capacity"] == area["bytes"] - 3 * HEADER and st["blocks"] == len(s["blocks"])
          and st["free_blocks"] == len(free) and st["free_bytes"] == sum(free)
          and st["largest_free"] == max(free, default=0),
          "%s: stats %s disagree with the blocks" % (name, st))
    if s["walk"] == "complete":
        check(st["allocated_bytes"] == sum(used),
              "%s: allocated_bytes %d, blocks hold %d" % (name, st["allocated_bytes"], sum(used)))
    # ... and with tagheap_get_stats
    if os.path.exists(stats_file):
        with open(stats_file) as f:
            got = {k: int(v) for k, v in (line.split() for line in f)}
        for field in STATS:
            check(st[field] == got[field], "%s: JSON %s %d, tagheap_get_stats %d"
                  % (name, field, st[field], got[field]))
        check(got["dump_status"] == (0 if s["walk"] == "complete" else -5),
              "%s: tagheap_dump_json returned %d for a %s walk"
              % (name, got["dump_status"], s["walk"]))


def check_svg(name, text, rows, width):
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as e:
        check(False, "%s: SVG is not well-formed XML: %s" % (name, e))
        return
    check(root.tag == SVG + "svg" and root.find(SVG + "title") is not None
          and root.find(SVG + "desc") is not None, "%s: no svg root with title and desc" % name)
    heaps = root.findall(".//%sg[@class='heap']" % SVG)
    check(len(heaps) == len(rows), "%s: %d heap rows for %d snapshots" % (name, len(heaps), len(rows)))
    scale = width / max(s["region"]["bytes"] for _, s in rows)
    for g, (label, s) in zip(heaps, rows):
        region = int(g.get("data-region-bytes"))
        check(region == s["region"]["bytes"], "%s: row %s region %d" % (name, label, region))
        rects = [r for r in g.iter(SVG + "rect")
                 if r.get("class", "").split()[0:1] in (["block"], ["overhead"], ["unwalked"])]
        total = sum(int(r.get("data-bytes")) for r in rects)
        check(total == region, "%s: row %s rectangles hold %d bytes of %d" % (name, label, total,
                                                                         region))
        pixels = sum(float(r.get("width")) for r in rects)
        check(abs(pixels - region * scale) <= 0.001 * len(rects) + 0.01,
              "%s: row %s rectangles are %.3f px wide, band %.3f px"
              % (name, label, pixels, region * scale))
        blocks = g.findall(".//%sg" % SVG)
        check(len(blocks) == len(s["blocks"]), "%s: row %s draws %d of %d blocks"
              % (name, label, len(blocks), len(s["blocks"])))
        check(all(b.find(SVG + "title") is not None for b in blocks),
              "%s: row %s has a block without a tooltip" % (name, label))
    for _, s in rows:
        for b in s["blocks"]:
            check(b["payload"] not in text, "%s: address %s printed unasked" % (name, b["payload"]))


def check_tool_refuses_other_versions(path):
    with open(path, encoding="utf-8") as f:
        value = json.load(f)
    (value["snapshot"] if "snapshot" in value else value)["version"] = 2
    tmp = path + ".v2"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f)
    with contextlib.redirect_stderr(io.StringIO()) as said:
        status = heapmap.main([tmp, "-o", os.devnull])
    os.remove(tmp)
    check(status == 1 and "version 2" in said.getvalue(), "heapmap accepted a version-2 snapshot")


def check_dir(directory):
    names = sorted(f[:-5] for f in os.listdir(directory) if f.endswith(".json"))
    check(names, "%s: no snapshots" % directory)
    rows = []
    for name in names:
        path = os.path.join(directory, name + ".json")
        try:
            s = load_strict(path)
        except (ValueError, KeyError) as e:
            check(False, "%s: not strict JSON: %s" % (path, e))
            continue
        try:
            check_snapshot(path, s, os.path.join(directory, name + ".stats"))
        except (KeyError, TypeError) as e:
            check(False, "%s: missing or mistyped field: %r" % (path, e))
            continue
        label, drawn = heapmap.load(path)
        rows.append((label, drawn))
        svg = heapmap.render([(label, drawn)], "test", 960, False)
        check(svg == heapmap.render([(label, drawn)], "test", 960, False),
              "%s: two drawings differ" % path)
        check_svg(path + " (map)", svg, [(label, drawn)], 960)
        with_addresses = heapmap.render([(label, drawn)], "test", 960, True)
        check(all(b["payload"] in with_addresses for b in drawn["blocks"]),
              "%s: --addresses left an address out" % path)
    if rows:
        check_svg(directory + " (strip)", heapmap.render(rows, "strip", 700, False), rows, 700)
        check_tool_refuses_other_versions(os.path.join(directory, names[0] + ".json"))
    return len(rows)


def png_pixels(path):
    """(width, height, bytes per pixel, rows) of an 8-bit RGB or RGBA PNG (rsvg-convert's)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    at, idat, header = 8, b"", None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError("not 8-bit RGB(A) without interlace: %s" % (header,))
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, previous = zlib.decompress(idat), bpp * width, [], bytearray(bpp * width)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = previous[x], previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return width, height, bpp, rows


def check_png(png, svg_path):
    """The rendered picture has the SVG's size and shows the map's colours."""
    root = ET.parse(svg_path).getroot()
    width, height, bpp, rows = png_pixels(png)
    check((width, height) == (int(root.get("width")), int(root.get("height"))),
          "%s: %dx%d pixels, the SVG says %sx%s" % (png, width, height, root.get("width"),
                                                  root.get("height")))
    seen = {}
    for line in rows:
        for x in range(0, len(line), bpp):
            pixel = bytes(line[x:x + 3])
            seen[pixel] = seen.get(pixel, 0) + 1
    text = open(svg_path, encoding="utf-8").read()
    for name in ("allocated", "free", "overhead"):
        colour = bytes.fromhex(heapmap.COLOURS[name][1:])
        if name != "allocated" or 'class="block-allocated"' in text:
            check(seen.get(colour, 0) >= 100, "%s: %d pixels of the %s colour %s"
                  % (png, seen.get(colour, 0), name, heapmap.COLOURS[name]))
    return width, height


def main(arguments):
    if arguments[:1] == ["--png"] and len(arguments) == 3:
        width, height = check_png(arguments[1], arguments[2])
        for failure in failures:
            print("FAIL:", failure)
        if not failures:
            print("check_heapmap: %s is %dx%d and shows the map's colours" % (arguments[1], width,
                                                                           height))
        return 1 if failures else 0
    directories = arguments
    if not directories:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    counted = sum(check_dir(d) for d in directories)
    for failure in failures:
        print("FAIL:", failure)
    if failures:
        return 1
    print("check_heapmap: %d snapshots in %s: JSON strict, tiling, statistics and maps agree"
          % (counted, " ".join(directories)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
