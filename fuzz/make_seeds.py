#!/usr/bin/env python3
"""Writes the seeds of the `union`, `index` and `front_matter` targets into
fuzz/seeds/TARGET/, each named by the SHA-1 of its bytes as libFuzzer names
what it keeps. The index seeds hold caches in insight's own format (the
header, the records, the checksum of `src/read/cache/bytes.rs`) for the
target's fixed journal, so that the fuzzer starts past the checksum; run
this again when insight's version or that format changes.

    python3 fuzz/make_seeds.py
"""

import hashlib
import pathlib
import re
import struct

HERE = pathlib.Path(__file__).resolve().parent
VERSION = re.search(r'^version = "([^"]+)"', (HERE.parent / "Cargo.toml").read_text(), re.M)[1]
FORMAT = int(re.search(r"^pub const FORMAT: u32 = (\d+);",
                        (HERE.parent / "src/read/cache/bytes.rs").read_text(), re.M)[1])
MASK = (1 << 64) - 1


def save(target, data):
    folder = HERE / "seeds" / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


# --- the byte format of .insight/ -------------------------------------------


def checksum(data):
    """`checksum` of src/read/cache/bytes.rs."""

    def mix(h, word):
        h = ((h << 5) | (h >> 59)) & MASK
        return ((h ^ word) * 0x9E3779B97F4A7C15) & MASK

    h = len(data)
    whole = len(data) // 8 * 8
    for at in range(0, whole, 8):
        h = mix(h, struct.unpack_from("<Q", data, at)[0])
    for byte in data[whole:]:
        h = mix(h, byte)
    return h ^ (h >> 29)


def leb(n):
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def text(s):
    b = s.encode()
    return leb(len(b)) + b


def header(magic, owner):
    return magic + struct.pack("<I", FORMAT) + text(VERSION) + struct.pack("<Q", owner)


def seal(data):
    return data + struct.pack("<Q", checksum(data))


INDEX_MAGIC = b"insight index\n\0\0"
FOLDERS_MAGIC = b"insight folders\n"
TEXT_MAGIC = b"insight text\n\0\0\0"

# The index target's journal (fuzz_targets/index.rs).
SETTINGS = b"name: Fuzz\nkinds: [frontline, research]\ntags: [mobile, checkout]\n"
MADE_NS = 1_900_000_000 * 10**9  # in 2030: every file has settled by then


def fingerprint(size, inode, device, modified_ns, changed_ns):
    return leb(size) + leb(inode) + leb(device) + struct.pack("<qq", modified_ns, changed_ns)


class Payload:
    """The payload of an index: texts, lists of texts, records by path."""

    def __init__(self):
        self.texts, self.lists, self.records = [], [], []

    def t(self, s):
        if s not in self.texts:
            self.texts.append(s)
        return self.texts.index(s)

    def maybe(self, s):
        return leb(0 if s is None else self.t(s) + 1)

    def l(self, items):
        numbers = tuple(self.t(s) for s in items)
        if numbers not in self.lists:
            self.lists.append(numbers)
        return leb(self.lists.index(numbers))

    def record(self, path, fp, date, kind, site, title, role=None, people=(), customers=0,
               hours=None, tags=(), ideas=(), unknown=(), private=False):
        year, month, day = date
        r = text(path) + fp + struct.pack("<hBB", year, month, day)
        r += leb(self.t(kind)) + leb(self.t(site)) + self.maybe(role) + text(title)
        r += self.l(people) + leb(customers)
        r += b"\0" if hours is None else b"\1" + struct.pack("<d", hours)
        r += self.l(tags) + leb(len(ideas))
        for idea in ideas:
            # A title is written in its record (1) or named in the table
            # (its number plus 2): insight names one heard more than once.
            title = idea.get("title")
            r += self.maybe(idea.get("id"))
            if title is None:
                r += leb(0)
            elif idea.get("shared"):
                r += leb(self.t(title) + 2)
            else:
                r += leb(1) + text(title)
            r += self.maybe(idea.get("status")) + self.l(idea.get("tags", ()))
            r += self.maybe(idea.get("owner")) + self.l(idea.get("unknown", ()))
        r += self.l(unknown) + (b"\1" if private else b"\0")
        self.records.append((path, r))

    def bytes(self):
        out = leb(len(self.texts)) + b"".join(text(s) for s in self.texts)
        out += leb(len(self.lists))
        for numbers in self.lists:
            out += leb(len(numbers)) + b"".join(leb(n) for n in numbers)
        out += leb(len(self.records))
        for _, r in sorted(self.records):
            out += leb(len(r)) + r
        return out


def index_file(payload, made_ns=MADE_NS):
    data = header(INDEX_MAGIC, checksum(SETTINGS)) + struct.pack("<qQ", made_ns, len(payload))
    return seal(data + payload)


def folders_part(made_ns, folders):
    out = struct.pack("<q", made_ns) + leb(len(folders))
    for rel, fp, names in folders:
        listed = leb(len(names)) + b"".join(text(n) for n in names)
        out += text(rel) + fp + leb(len(listed)) + listed
    return out


def texts_part(texts):
    out = leb(len(texts))
    for t in texts:
        out += b"\0" if t is None else b"\1" + text(t)
    return out


def index_input(mode, needle, index, folders, texts):
    return bytes([mode, needle]) + struct.pack("<HH", len(index), len(folders)) + index + folders + texts


def index_seeds():
    fp = fingerprint(180, 1234, 2049, MADE_NS - 60 * 10**9, MADE_NS - 60 * 10**9)
    p = Payload()
    p.record("visits/2025/c.md", fp, (2025, 11, 20), "frontline", "Lunds", "Night shift",
             people=["Sam Ito"], ideas=[{"id": "scan", "status": "building"}])
    p.record("visits/2026/a.md", fp, (2026, 3, 1), "frontline", "Cub Foods", "The tills",
             role="cashier", people=["Dana Reyes", "Sam Ito"], customers=12, hours=4.5,
             tags=["mobile"], ideas=[{"id": "scan", "title": "Scan and go", "status": "new"},
                                     {"title": "Fewer coupons", "shared": True}])
    p.record("visits/2026/b.md", fp, (2026, 3, 2), "research", "Cub Foods", "The queue.",
             tags=["checkout"])
    # A record for a file whose entry has errors: trusted, it would hide them.
    p.record("visits/unclosed.md", fp, (2026, 1, 1), "frontline", "Nowhere", "Fixed")
    payload = p.bytes()
    listings = folders_part(MADE_NS, [
        ("visits/2026/q1", fp, ["d.md"]),
        ("visits/2025", fp, ["broken.md", "c.md"]),
        ("visits/2026", fp, ["a.md"]),  # leaves b.md out
    ])
    texts = texts_part(["night shift\0milk and bread", "the tills\0i only came in for milk",
                        None, "fixed\0zz"])
    index = index_file(payload)
    index_id = struct.unpack("<Q", index[-8:])[0]
    folders = seal(header(FOLDERS_MAGIC, 0) + listings)
    text_file = seal(header(TEXT_MAGIC, index_id) + texts)
    for needle in range(5):
        # Whole files, as insight writes them.
        save("index", index_input(0, needle, index, folders, text_file))
        # The same, sealed by the target: the index's part is its time then its payload.
        save("index", index_input(1, needle, struct.pack("<q", MADE_NS) + payload, listings, texts))
    # Damaged: a byte flipped in the records, cut short, another journal's settings.
    flipped = bytearray(index)
    flipped[len(index) // 2] ^= 1
    save("index", index_input(0, 1, bytes(flipped), folders, text_file))
    save("index", index_input(0, 2, index[:-9], folders[:20], text_file[:-1]))
    other = seal(header(INDEX_MAGIC, 7) + struct.pack("<qQ", MADE_NS, len(payload)) + payload)
    save("index", index_input(0, 3, other, folders, text_file))
    # Small and empty ones.
    save("index", index_input(0, 0, b"", b"", b""))
    save("index", index_input(1, 1, struct.pack("<q", MADE_NS) + b"\0\0\0", b"\0" * 9, b"\0"))
    save("index", index_input(0, 1, INDEX_MAGIC, FOLDERS_MAGIC, TEXT_MAGIC))


# --- union ------------------------------------------------------------------


def union_input(recipes, pick, yamls=(b"", b"", b"", b""), entries=(b"", b"", b"")):
    """recipes: (places, how) for j, a, b and c; see fuzz_targets/union.rs."""
    head = bytes(b for recipe in recipes for b in recipe) + bytes([pick])
    return head + b"\0".join(list(yamls) + list(entries))


J, A, B, C, LINK, MISSING, DOTDOT_B, SELF = (1 << n for n in range(8))
FLOW, LABEL, ABSOLUTE, SLASH, J_EXISTS = 8, 4, 16, 32, 64
ENTRY = b"---\ndate: 2026-05-02\nkind: peer\nsite: HQ\ntags: [mobile]\n---\n# Lunch\n"


def union_seeds():
    none = (0, 0)
    # a includes b: a chain of two.
    save("union", union_input([none, (B, 0), none, none], 1))
    # j includes a and b, found looking upwards from c's entries.
    save("union", union_input([(A | B, J_EXISTS), none, none, none], 7))
    # a and b include each other: a circle.
    save("union", union_input([none, (B, 0), (A, FLOW), none], 2))
    # a includes itself, and a missing folder.
    save("union", union_input([none, (SELF, 0), none, none], 1))
    save("union", union_input([none, (MISSING, FLOW), none, none], 1))
    # a includes `..` (j), which includes b; absolute paths; a trailing slash.
    save("union", union_input([(B, J_EXISTS | FLOW), (J, ABSOLUTE), none, none], 0))
    save("union", union_input([none, (B | C, SLASH), none, none], 1))
    # Through the link, and through `a/../b`.
    save("union", union_input([none, none, (LINK | DOTDOT_B, 0), none], 6))
    # Labels: two journals called `team`; one called like another's folder.
    save("union", union_input([none, (B, LABEL | 0), (0, LABEL | 0), none], 1))
    save("union", union_input([none, (B, 0), (0, LABEL | 1), none], 1))
    # c, inside a's entries, includes b; all three named.
    save("union", union_input([none, none, none, (B, FLOW)], 3, entries=(ENTRY, ENTRY, b"")))
    # Settings of their own: other kinds (the union must merge them), shared ids.
    yamls = (b"", b"kinds: [peer]\nshared_ids: [org/]\n", b"kinds: [frontline]\n", b"label: c\n")
    save("union", union_input([none, (B | C, 0), none, none], 1, yamls, (ENTRY, ENTRY, ENTRY)))
    save("union", union_input([none, (B, 0), none, none], 2,
                              (b"", b"include: [../b]\n", b"fiscal_year_start: 4\n", b""),
                              (b"---\ndate: 2026-02-30\n---\n", ENTRY, b"not an entry")))


# --- front_matter -------------------------------------------------------------

FRONT_MATTERS = [
    "date: 2026-11-20\nkind: frontline\nsite: Cub Foods, Minneapolis\npeople:\n- Wayne Shurts\n"
    "customers: 12\ntags:\n- mobile/app\n- pricing\nideas:\n- id: aisle\n  title: Aisle finder\n"
    "  status: new\n- Route through the store\n",
    "date: 2026-03-24\nkind: immersion\nsite: Supervalu\npeople: [Maria Lindqvist]\nhours: 16\n"
    "tags: [supply-chain, store-navigation, mobile/app]\nideas:\n  - id: aisle-finder\n"
    "    title: Aisle finder in the mobile app\n    tags: [mobile, store-navigation]\n",
    "title: 2.0\ntags: [1.10, 1.1, yes, 0b101, 1_000, '~', \"null\"]\nempty:\ntilde: ~\nnull: null\n",
    "defaults: &d { status: planned, tags: [mobile] }\nideas:\n  - <<: *d\n    id: a\n",
    "site: \"Tower One: floor 12\"\nrole: 'it''s'\n# a comment\nkind: peer # and another\n",
    "site: a\nsite: b\n",
    "date: 2026-01-01\r\nkind: frontline\r\nsite: x\r\n",
    "ideas:\n-\n- id: x\n  status:\n- [a, b]\ntags:\n  -   spaced  \n",
    "site: |\n  two\n  lines\nrole: >\n  folded\n",
    "a: [b, {c: d}]\n\tx: y\n",
    "key:value\n-x: 1\n_: 2\n",
    "name: A journal\npeople:\n  - { name: Ada Okafor, group: executives }\n  - {name: Bo,group: it}\n"
    "targets:\n  executives: { entries_per_year: 2 }\n  it: { hours_per_year: 8 }\nempty: {}\n",
    "a: {b: c: d, e:f}\nx:\n  y:\n    z: 1\n  w: {}\n- {v: ~, u: -}\n",
]


def front_matter_seeds():
    for yaml in FRONT_MATTERS:
        save("front_matter", yaml.encode())
        save("front_matter", f"---\n{yaml}---\n# Title\n\nBody.\n".encode())
    save("front_matter", "\ufeff---\ndate: 2026-01-01\n...\nbody\n".encode())
    save("front_matter", b"---\ndate: 2026-01-01\nkind: frontline\n")
    save("front_matter", b"+++\ndate = 2026-01-01\n+++\n")
    save("front_matter", b"---  \r\nsite: x\r\n---\t\r\n")


if __name__ == "__main__":
    index_seeds()
    union_seeds()
    front_matter_seeds()
