#!/bin/sh
# Rebuilds assets/profiles/FOGRA39-rapport.icc from FOGRA's characterisation data FOGRA39L.ti3
# (Debian's icc-profiles-free, /usr/share/color/icc) with ArgyllCMS's colprof, then sets the
# profile's charTargetTag to `ICCHDAT FOGRA39`, as the ICC's characterization data registry asks
# of every profile made from its data. See README.md beside this file. Needs argyll,
# icc-profiles-free and python3 (`cargo xtask setup` installs the first two).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp /usr/share/color/icc/FOGRA39L.ti3 "$work/"
cd "$work"
# Medium quality A2B and B2A tables; black from 10 % of the tone scale to 95 % at the solid;
# total ink 300 %, black 95 %; the measurements not embedded (-nc: the tag is set below).
colprof -qm -bm -kp 0 0.1 1.0 0.95 1.0 -l 300 -L 95 -nc \
  -A "rapport" \
  -D "Coated FOGRA39 (rapport)" \
  -C "Derived by rapport with ArgyllCMS colprof from FOGRA39L.ti3 (Fogra, ICC characterization data FOGRA39; zlib licence, Debian icc-profiles-free). Free to use and redistribute; no warranty." \
  -O out.icc FOGRA39L >/dev/null
python3 - out.icc "$here/FOGRA39-rapport.icc" <<'PY'
# Appends a charTargetTag ('targ', textType) holding "ICCHDAT FOGRA39": the tag table grows by
# one entry (12 bytes), so every tag's data moves 12 bytes on; the new tag's data goes last.
import struct, sys
src, dst = sys.argv[1], sys.argv[2]
data = bytearray(open(src, "rb").read())
count = struct.unpack(">I", data[128:132])[0]
tags = [struct.unpack(">4sII", data[132 + 12 * i:144 + 12 * i]) for i in range(count)]
assert all(sig != b"targ" for sig, _, _ in tags), "the profile has a targ tag already"
body = data[132 + 12 * count:]
text = b"text" + b"\0" * 4 + b"ICCHDAT FOGRA39\0"
end = 132 + 12 * (count + 1) + len(body)
end += (-end) % 4
table = struct.pack(">I", count + 1)
for sig, offset, size in tags:
    table += struct.pack(">4sII", sig, offset + 12, size)
table += struct.pack(">4sII", b"targ", end, len(text))
out = data[:128] + table + body
out += b"\0" * (end - len(out)) + text
out += b"\0" * ((-len(out)) % 4)
out[0:4] = struct.pack(">I", len(out))
open(dst, "wb").write(bytes(out))
PY
echo "wrote $here/FOGRA39-rapport.icc"
