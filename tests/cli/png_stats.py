#!/usr/bin/env python3
"""png_stats.py PNG [X0 Y0 X1 Y1]: statistics of a PNG image, standard library only.

Decodes 8-bit greyscale/RGB/RGBA (optionally with alpha) non-interlaced PNGs as
rsvg-convert writes them (zlib + the five PNG row filters), composites alpha over
white, and prints one line: "WIDTH HEIGHT MEAN STDDEV DARK", where MEAN and STDDEV
are of the luminance (0..255) and DARK is the number of pixels darker than 128,
over the whole image or the rectangle [X0, X1) x [Y0, Y1). Exit 1 on a malformed file.
"""
import struct
import sys
import zlib


def fail(msg):
    print("png_stats: " + msg, file=sys.stderr)
    sys.exit(1)


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("not a PNG file")
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        if pos + 8 > len(data):
            fail("truncated chunk")
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]:
            fail("bad CRC in chunk " + kind.decode("latin-1"))
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    if ihdr is None:
        fail("no IHDR")
    width, height, depth, color, _, _, interlace = ihdr
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(color)
    if depth != 8 or channels is None or interlace != 0:
        fail("unsupported PNG (depth %d, colour type %d, interlace %d)" % (depth, color, interlace))
    raw = zlib.decompress(idat)
    stride = width * channels
    if len(raw) != height * (stride + 1):
        fail("wrong image data size")
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            elif f != 0:
                fail("bad filter type %d" % f)
        rows.append(line)
        prev = line
    return width, height, channels, rows


def main():
    if len(sys.argv) not in (2, 6):
        fail("usage: png_stats.py PNG [X0 Y0 X1 Y1]")
    width, height, ch, rows = read_png(sys.argv[1])
    x0, y0, x1, y1 = (0, 0, width, height) if len(sys.argv) == 2 else map(int, sys.argv[2:])
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(width, x1), min(height, y1)
    lum = []
    for y in range(y0, y1):
        r = rows[y]
        for x in range(x0, x1):
            px = r[x * ch:(x + 1) * ch]
            if ch in (1, 2):
                v, alpha = px[0], (px[1] if ch == 2 else 255)
            else:
                v, alpha = 0.299 * px[0] + 0.587 * px[1] + 0.114 * px[2], (px[3] if ch == 4 else 255)
            lum.append((v * alpha + 255 * (255 - alpha)) / 255.0)
    n = len(lum) or 1
    mean = sum(lum) / n
    sd = (sum((v - mean) ** 2 for v in lum) / n) ** 0.5
    print("%d %d %.2f %.2f %d" % (width, height, mean, sd, sum(1 for v in lum if v < 128)))


main()
