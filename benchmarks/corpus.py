"""A deterministic, varied archive of N article files built at run time from ../shared/corpus.

Nothing from the shared corpus is copied into the repository: the texts are read when the
benchmark runs.  Each generated article starts from one real Sina article (the headline
runs into the body there: the headline is cut at the first space), then

* splices in paragraphs of another article of the same topic,
* swaps neighbouring sentences,
* replaces numbers with others of the same width,
* replaces well-known place names by others from a small pool,
* adds a byline, a dateline and a quoted official with names from small pools,
* rewrites most sentences with a per-article substitution of common characters, so a
  sentence of the 1,000 sources recurs verbatim in about ``VERBATIM_COPIES`` articles
  whatever N is (a steady reprint rate, as in a real archive, instead of every
  sentence recurring N / 1,000 times),

and is written as Markdown, plain text or HTML.  About one file in a hundred is a whole
newspaper page (a seed page or an example page) with its numbers varied, so the page
splitter runs too.  The same ``seed`` always gives the same files.
"""

from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
NEWS_TSV = SHARED_CORPUS / "news" / "thucnews_sina_1000.tsv"
SEEDS = SHARED_CORPUS / "seeds"
EXAMPLES = REPO / "examples"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈任姚"
    "卢傅钟姜崔谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力国鹏志宏峰俊晓晨雪琳斌波宇浩凯健"
PLACES = [
    "北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "重庆", "天津", "西安", "苏州", "长沙",
    "郑州", "青岛", "沈阳", "宁波", "厦门", "福州", "合肥", "济南", "昆明", "大连", "无锡", "南昌", "贵阳",
]
COUNTIES = ["青溪", "白沙", "临江", "东湖", "石门", "清河", "安平", "柳塘", "梅山", "龙泉", "桃源", "云岭"]
PAPERS = ["江州日报", "临川晚报", "东湖商报", "青溪日报", "南屏时报"]
ROLES = ["局长", "主任", "副县长", "总经理", "负责人", "书记"]
OFFICES = ["发改局", "统计局", "教育局", "卫健委", "交通局", "住建局", "农业农村局", "文旅局"]
VERBS = ["表示", "介绍", "说", "透露"]
_PLACE_RE = re.compile("|".join(PLACES))
_NUMBER_RE = re.compile(r"(?<![年月日\d.])\d{2,}(?![年月日\d])")
VERBATIM_COPIES = 3
# Characters the per-article substitution draws from and maps to (common ones, so jieba and
# the extractors see ordinary text density).
COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
    "面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本"
    "去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比"
    "或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做"
    "必战先回则任取据处理府研质"
)
_SUBSTITUTES = "斯坦珀琦瑶璐珊琪瑾璋蕴蔚芃苒茗荟莞菁萱蓁蔺薇藜蘅"
_SENTENCE_RE = re.compile(r"(?<=[。！？!?])")


@dataclass
class Source:
    topic: str
    headline: str
    paragraphs: list[list[str]]  # paragraphs of sentences


@dataclass
class CorpusFile:
    path: Path
    characters: int


def _split_news(text: str) -> tuple[str, list[list[str]]]:
    cut = text.find(" ")
    if not 4 <= cut <= 40:
        cut = min(20, len(text) // 4)
    headline, body = text[:cut].strip(), text[cut:].strip()
    sentences = [s.strip() for s in _SENTENCE_RE.split(body) if s.strip()]
    paragraphs = [sentences[i : i + 3] for i in range(0, len(sentences), 3)]
    return headline or "无题", paragraphs or [[body]]


def load_sources() -> tuple[list[Source], list[str]]:
    """The news articles and the whole pages (seeds and examples) to vary."""
    if not NEWS_TSV.is_file():
        raise SystemExit(f"benchmark corpus missing: {NEWS_TSV}")
    sources = []
    for line in NEWS_TSV.read_text(encoding="utf-8").splitlines():
        topic, _, text = line.partition("\t")
        if text:
            headline, paragraphs = _split_news(text)
            sources.append(Source(topic, headline, paragraphs))
    pages = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    examples = sorted((EXAMPLES / "pages").glob("*.txt"))
    pages += [p.read_text(encoding="utf-8") for p in examples if "gb18030" not in p.name]
    return sources, pages


class Generator:
    def __init__(self, seed: int = 1, n: int = 1000) -> None:
        self.seed = seed
        # Share of sentences kept verbatim: each source sentence recurs in ~VERBATIM_COPIES articles.
        self.verbatim = min(0.5, VERBATIM_COPIES * 1000 / max(1, n))
        self.sources, self.pages = load_sources()
        self.by_topic: dict[str, list[Source]] = {}
        for s in self.sources:
            self.by_topic.setdefault(s.topic, []).append(s)

    def _name(self, rng: random.Random) -> str:
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))

    @staticmethod
    def _numbers(text: str, rng: random.Random) -> str:
        def swap(m: re.Match[str]) -> str:
            if rng.random() < 0.5:
                return m.group(0)
            width = len(m.group(0))
            return str(rng.randrange(10 ** (width - 1), 10**width))

        return _NUMBER_RE.sub(swap, text)

    @staticmethod
    def _places(text: str, rng: random.Random) -> str:
        mapping: dict[str, str] = {}
        return _PLACE_RE.sub(lambda m: mapping.setdefault(m.group(0), rng.choice(PLACES)), text)

    def _rewrite(self, sentence: str, table: dict[int, str], rng: random.Random) -> str:
        if rng.random() < self.verbatim:
            return sentence
        return sentence.translate(table)

    def article(self, index: int) -> tuple[str, str]:
        """(suffix, text) of generated article ``index``."""
        rng = random.Random(self.seed * 1_000_003 + index)
        if rng.random() < 0.01:
            return ".txt", self._numbers(rng.choice(self.pages), rng)
        base = rng.choice(self.sources)
        paragraphs = [list(p) for p in base.paragraphs]
        if rng.random() < 0.5:
            other = rng.choice(self.by_topic[base.topic])
            extra = rng.sample(other.paragraphs, min(len(other.paragraphs), rng.randint(1, 3)))
            for p in extra:
                paragraphs.insert(rng.randint(0, len(paragraphs)), list(p))
        for p in paragraphs:
            if len(p) > 1 and rng.random() < 0.3:
                i = rng.randrange(len(p) - 1)
                p[i], p[i + 1] = p[i + 1], p[i]
        table = {ord(c): rng.choice(_SUBSTITUTES) for c in rng.sample(COMMON, 40)}
        paragraphs = [[self._rewrite(s, table, rng) for s in p] for p in paragraphs]
        county = rng.choice(COUNTIES)
        official = f"{county}县{rng.choice(OFFICES)}{rng.choice(ROLES)}{self._name(rng)}{rng.choice(VERBS)}，"
        quote = rng.choice([s for p in paragraphs for s in p])
        paragraphs.insert(min(len(paragraphs), 1 + rng.randrange(3)), [official + quote])
        body = [self._places(self._numbers("".join(p), rng), rng) for p in paragraphs]
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        year = rng.choice((2022, 2023, 2024))
        body[0] = f"本报讯（记者 {self._name(rng)}）{month}月{day}日，" + body[0]
        headline = self._places(base.headline, rng)
        byline = f"记者 {self._name(rng)}　通讯员 {self._name(rng)}"
        dateline = f"《{rng.choice(PAPERS)}》{year}年{month}月{day}日 A{rng.randint(1, 8)}版"
        kind = rng.random()
        if kind < 0.1:
            paras = "".join(f"<p>{html.escape(b)}</p>\n" for b in body)
            return ".html", (
                f"<html><head><meta charset='utf-8'><title>{html.escape(headline)}</title></head><body>\n"
                f"<h1>{html.escape(headline)}</h1>\n<p>{byline}</p>\n<p>{dateline}</p>\n{paras}</body></html>\n"
            )
        if kind < 0.3:
            return ".txt", f"{headline}\n\n{byline}\n\n{dateline}\n\n" + "\n\n".join("　　" + b for b in body) + "\n"
        return ".md", f"# {headline}\n\n**{byline}**\n\n*{dateline}*\n\n" + "\n\n".join(body) + "\n"

    def write(self, directory: Path, start: int, count: int) -> list[CorpusFile]:
        """Write articles ``start .. start+count-1`` under ``directory`` (1,000 a sub-folder)."""
        out = []
        for index in range(start, start + count):
            suffix, text = self.article(index)
            folder = directory / f"{index // 1000:04d}"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"a{index:07d}{suffix}"
            path.write_text(text, encoding="utf-8")
            out.append(CorpusFile(path, len(text)))
        return out
