"""Sample inputs written for these tests (our own words; figures are made up or public facts)."""

from __future__ import annotations

ARTICLE_A = (
    "Hackers drained about $40 million in bitcoin from the hot wallet of Examplex, a Singapore "
    "exchange, the company said on Tuesday. Withdrawals were halted while engineers checked the "
    "remaining wallets, and customers were told their balances would be covered from reserves. "
    "Investigators said the attackers had sent phishing e-mails to staff weeks before the theft."
)

ARTICLE_B = (
    "A lending protocol called Samplefi lost 12,000 ether when an attacker abused a flaw in its "
    "price oracle, according to a post-mortem published by the team. The attacker returned part "
    "of the funds two days later after negotiations conducted through on-chain messages."
)

ARTICLE_C = (
    "Regulators in Tokyo ordered the exchange Demotrade to improve its controls after a breach in "
    "which customer deposits worth 5 billion yen were taken. The firm promised to repay everyone "
    "and said it would move most funds to cold storage by the end of the month."
)


def long_article(seed: int, words: int = 220) -> str:
    """A news-like text of ``words`` words that differs from every other seed."""
    vocab = (
        "exchange wallet attacker funds stolen million bitcoin ether hackers security investigators "
        "platform users withdrawals halted statement company said according police reported breach "
        "tokens transferred addresses laundering mixer recovered frozen analysts firm customers losses"
    ).split()
    out = []
    state = seed * 7919 + 17
    for i in range(words):
        state = (state * 1103515245 + 12345) % 2**31
        out.append(vocab[state % len(vocab)])
        if i % 17 == 16:
            out[-1] += "."
    return f"Report {seed}: " + " ".join(out) + "."


def heist_article(seed: int, words: int = 120) -> str:
    """A short made-up heist report (a named exchange, an amount, a date) plus varied filler, unique per seed."""
    names = ["Zentrix", "Corvana", "Lumabit", "Oxtrade", "Pellico", "Quorra", "Rivenex", "Solbridge"]
    victim = f"{names[seed % len(names)]}{seed}"
    millions = 3 + (seed * 37) % 400
    day = 1 + seed % 28
    lead = (
        f"Hackers stole ${millions} million in bitcoin from the cryptocurrency exchange {victim} on "
        f"March {day}, 2021, the company said. {victim} halted withdrawals after the theft."
    )
    return lead + " " + long_article(seed, words)


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A small valid PDF with one page showing ``lines`` (Helvetica), built by hand."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 11 Tf 14 TL 72 740 Td " + " ".join(f"({esc(line)}) Tj T*" for line in lines) + " ET"
    stream = content.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    if title:
        objects.append(b"<< /Title (" + esc(title).encode("latin-1") + b") /CreationDate (D:20210810090000Z) >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    info = b" /Info %d 0 R" % len(objects) if title else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info, xref)
    return bytes(out)


def html_page(title: str, paragraphs: list[str], *, published: str | None = None, site: str | None = None) -> str:
    meta = ""
    if published:
        meta += f'<meta property="article:published_time" content="{published}">'
    if site:
        meta += f'<meta property="og:site_name" content="{site}">'
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{meta}</head>'
        f"<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>All rights reserved.</footer></body></html>"
    )


def rss_feed(items: list[tuple[str, str, str, str]], channel: str = "Heist Wire") -> str:
    """items: (title, link, RFC 822 date, HTML description)."""
    from xml.sax.saxutils import escape

    parts = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
        f"<pubDate>{d}</pubDate><description>{escape(desc)}</description></item>"
        for t, link, d, desc in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{channel}</title><link>https://wire.example/</link><description>x</description><language>en</language>{parts}</channel></rss>'


def atom_feed(entries: list[tuple[str, str, str, str]], title: str = "Atom Heists") -> str:
    """entries: (title, link, ISO datetime, text content)."""
    from xml.sax.saxutils import escape

    parts = "".join(
        f'<entry><title>{escape(t)}</title><link href="{escape(link)}"/><id>{escape(link)}</id>'
        f'<updated>{d}</updated><content type="text">{escape(c)}</content></entry>'
        for t, link, d, c in entries
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title><id>urn:x</id><updated>2022-01-01T00:00:00Z</updated>{parts}</feed>'
