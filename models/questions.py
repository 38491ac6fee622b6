"""What people ask in comments, read in Vietnamese: is a comment a question, and on which topic.

Everything here is pure (text in, answers out), so the collector, the dashboard and the bench use
the same reading. Comments are first *folded*: lower case, diacritics and đ dropped, teen-code
spelt out ("ko" → "khong", "dc"/"đc" → "duoc", "j" → "gi", "bn" → "bao nhieu", "ntn" → "nhu the
nao"), so that "thẻ BHYT hết hạn gia hạn ở đâu?" and "the bhyt het han gia han o dau" read alike.

A question is recognised by its form (a question mark, question words, endings such as "không ạ",
"chưa ạ", or a request such as "cho em hỏi", "giúp em với"). A topic comes from a keyword lexicon
(folded terms with weights); :class:`TopicModel` is a small scikit-learn classifier over character
n-grams, trained on the lexicon's own terms (the seed) plus the topics staff corrected, used where
the lexicon finds nothing or staff have taught it otherwise. Nothing is downloaded.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TOPICS = (
    "voluntary_si",
    "health_insurance",
    "vssid",
    "pension",
    "sickness_maternity",
    "payment",
    "other",
)

# Teen-code and abbreviations, by folded token. "bn" is "bao nhiêu" here; "bn ơi" (bạn ơi) is kept.
_TOKENS = {
    "ko": "khong",
    "k": "khong",
    "kh": "khong",
    "kg": "khong",
    "khg": "khong",
    "hok": "khong",
    "hk": "khong",
    "hong": "khong",
    "dc": "duoc",
    "dk": "dang ky",
    "j": "gi",
    "gj": "gi",
    "ntn": "nhu the nao",
    "z": "vay",
    "v": "vay",
    "vs": "voi",
    "e": "em",
    "ah": "a",
    "ak": "a",
    "tk": "tai khoan",
    "stk": "so tai khoan",
    "mk": "mat khau",
    "sdt": "so dien thoai",
    "cty": "cong ty",
    "gd": "gia dinh",
    "tn": "tu nguyen",
    "vss": "vssid",
}
_PHRASES = (
    (re.compile(r"\bbao hiem xa hoi\b"), "bhxh"),
    (re.compile(r"\bbao hiem y te\b"), "bhyt"),
    (re.compile(r"\bbhxh so\b"), "vssid"),
    (re.compile(r"\bvssid id\b"), "vssid"),
    (re.compile(r"\bmot lan\b"), "1 lan"),
    (re.compile(r"\bbn\b(?! oi)"), "bao nhieu"),
    (re.compile(r"(\d+) ?t\b"), r"\1 tuoi"),
)


def fold(text: str) -> str:
    """``text`` lower-cased, without diacritics, teen-code spelt out, punctuation kept as spaces
    except the question mark."""
    lowered = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    plain = "".join(ch for ch in lowered if not unicodedata.combining(ch))
    plain = re.sub(r"\?+", " ? ", plain)
    plain = re.sub(r"[^\w?%]+", " ", plain)
    words = [_TOKENS.get(word, word) for word in plain.split()]
    folded = " ".join(words)
    for pattern, replacement in _PHRASES:
        folded = pattern.sub(replacement, folded)
    return folded


# --- Questions ----------------------------------------------------------------------------------

# Question words anywhere in a comment (folded). "gi" is "gì"; "khong co gi" (you're welcome) is not.
_ASKING = re.compile(
    r"\b(bao nhieu|o dau|cho nao|noi nao|dau vay|nhu the nao|the nao|nhu nao|ra sao|lam sao|kieu gi|"
    r"cach nao|khi nao|bao gio|bao lau|may (thang|ngay|lan|nam|tuoi|phan tram|gio)|tai sao|vi sao|"
    r"la sao|sao (em|minh|toi|khong|kho|lai|ma|vay)|"
    r"co (duoc|phai|can|mat|bi|dung|con|the|kem)? ?\w* khong|duoc khong|phai khong|dung khong|"
    r"hay khong|co dung|duoc chua|chua a|khong a|"
    r"la gi|gom nhung gi|nhung gi|(can|mang|ghi|bi|loi|lam|dong|che do|lao dong|giay to|bhxh) gi|"
    r"cho (em|minh|toi|chau|to|con|tui)? ?hoi|xin hoi|(em|minh|toi) hoi|hoi chut|hoi ve|"
    r"tu van (giup|cho)|xin tu van|giup (em|minh|toi|chau|con) voi|giup (em|minh)|huong dan giup|"
    r"ai (biet|chi|cho|giup|nghe)|ai nhan|lien he ai|co ai|cho (em|minh|toi) xin|khong hay|"
    r"\w+ hay (o|la|chi|phai|bang|tien|mua|duoc)|\w+ nao)\b"
)
# Endings that make a sentence a question: "... không (ạ)", "... chưa (ạ)", "... hả", "... nhỉ".
_ENDING = re.compile(r"\b(khong|chua|ha|nhi|a ha|sao|vay|gi)( (a|ad|vay|nhi|ha|ban|chi|anh))*$")
_NOT_ASKING = re.compile(
    r"\b(khong co gi|sao ke|chua bao gio|khong bao gio|gi dau|(ung ho|xem|len|di|thoi) nao)\b"
)


def is_question(text: str) -> bool:
    """Whether a comment asks something, by its form (question mark, question words, endings)."""
    folded = fold(text)
    if "?" in folded:
        return True
    if not folded or _NOT_ASKING.search(folded) and not _ASKING.search(_NOT_ASKING.sub(" ", folded)):
        return False
    if _ASKING.search(folded):
        return True
    last = folded.replace("?", " ").split()
    ending = " ".join(last[-4:])
    return bool(_ENDING.search(ending))


# --- Topics --------------------------------------------------------------------------------------

# Folded terms and their weight; the topic with the highest total wins. Several weak terms may
# outweigh one strong term of another topic ("đóng tiền bhyt qua momo" is a payment question).
LEXICON: dict[str, dict[str, float]] = {
    "voluntary_si": {
        "tu nguyen": 3,
        "dong bhxh": 1,
        "dong 1 lan": 2,
        "can cu dong": 2,
        "muc thu nhap": 1.5,
        "muc dong": 1.5,
        "dong bu": 2,
        "lao dong tu do": 2,
        "lam tu do": 2,
        "ban hang": 1,
        "lam nong": 2,
        "nong dan": 2,
        "ho tro dong": 1.5,
        "tham gia bhxh": 2,
        "dong theo": 1,
        "dong tiep": 1.5,
        "chuan ho ngheo": 1,
        "khong co hop dong": 1,
        "nhan tho": 1,
    },
    "health_insurance": {
        "bhyt": 2,
        "the bhyt": 1.5,
        "ho gia dinh": 2,
        "gia han": 2,
        "het han": 1,
        "kham": 1,
        "kcb": 1.5,
        "dung tuyen": 1.5,
        "trai tuyen": 1.5,
        "chuyen tuyen": 1.5,
        "benh vien": 1,
        "noi kham": 2,
        "hoc sinh": 1,
        "sinh vien": 1,
        "mua": 1,
        "mien phi": 1,
        "can ngheo": 1,
        "ho ngheo": 0.5,
    },
    "vssid": {
        "vssid": 5,
        "cap nhat": 1.5,
        "app": 2,
        "ung dung": 2,
        "dang nhap": 3,
        "otp": 3,
        "mat khau": 3,
        "tai khoan vssid": 2,
        "ma xac thuc": 3,
        "vneid": 2,
        "dinh danh": 1.5,
        "cai dat": 2,
        "tai app": 2,
        "dang xuat": 2,
        "ch play": 2,
        "app store": 2,
        "dien thoai thong minh": 2,
        "qua trinh dong": 2,
    },
    "pension": {
        "luong huu": 3,
        "huu tri": 3,
        "nghi huu": 3,
        "1 lan": 1,
        "rut 1 lan": 3,
        "rut bhxh": 3,
        "huong 1 lan": 2,
        "rut": 1,
        "tro cap 1 lan": 1,
        "chot so": 2,
        "du 20 nam": 1.5,
        "du 15 nam": 1.5,
        "tuoi nghi huu": 1,
        "20 nam": 0.5,
        "15 nam": 1,
        "10 nam": 0.5,
    },
    "sickness_maternity": {
        "thai san": 4,
        "om dau": 4,
        "nghi om": 4,
        "sinh con": 2.5,
        "sinh mo": 3,
        "sinh doi": 3,
        "vo sinh": 2,
        "mang thai": 3,
        "kham thai": 3,
        "say thai": 3,
        "duong suc": 3,
        "cham con": 2,
        "con om": 3,
        "om dai ngay": 3,
        "sau sinh": 3,
        "truoc khi sinh": 2,
        "12 thang": 1.5,
        "ra vien": 1.5,
    },
    "payment": {
        "ngan hang": 3,
        "chuyen khoan": 4,
        "so tai khoan": 4,
        "tai khoan ngan hang": 2,
        "atm": 4,
        "momo": 5,
        "vnpt pay": 5,
        "viettel money": 5,
        "vi dien tu": 5,
        "qr": 3,
        "internet banking": 4,
        "thanh toan": 3,
        "tien mat": 3,
        "bien lai": 2,
        "dong online": 2,
        "dong tien": 1.5,
        "nop tien": 2,
        "chuyen tien": 3,
        "buu dien": 1,
        "nhan qua": 2,
        "qua the": 3,
        "thu tien": 2,
        "tan nha": 1,
        "bang cach nao": 1,
        "mat phi": 2,
    },
}
MINIMUM_SCORE = 1.5


def _contains(folded: str, term: str) -> bool:
    return re.search(rf"\b{re.escape(term)}\b", folded) is not None


def lexicon_scores(text: str) -> dict[str, float]:
    """The lexicon's score of each topic for a comment (topics with no term found are left out)."""
    folded = fold(text)
    scores: dict[str, float] = {}
    for topic, terms in LEXICON.items():
        score = sum(weight for term, weight in terms.items() if _contains(folded, term))
        if score:
            scores[topic] = score
    return scores


def lexicon_topic(text: str) -> str:
    """The topic whose terms weigh most in a comment; ``other`` when none reaches the minimum."""
    scores = lexicon_scores(text)
    if not scores:
        return "other"
    best = max(scores, key=lambda topic: (scores[topic], -TOPICS.index(topic)))
    return best if scores[best] >= MINIMUM_SCORE else "other"


# Seed examples for topic "other": what people ask that belongs to none of the policy topics.
_OTHER_SEED = (
    "livestream co xem lai duoc khong",
    "so dien thoai tong dai",
    "dia chi co quan bhxh huyen",
    "lam viec thu 7 khong",
    "bao hiem that nghiep",
    "tai nan lao dong",
    "so bhxh bi mat cap lai",
    "cong ty no bhxh",
    "ma so bhxh tra o dau",
    "cam on ad",
    "hay qua",
    "cho em hoi voi",
    "buoi live tiep theo",
    "gop so bhxh",
    "lien he ai",
)


def seed_examples() -> list[tuple[str, str]]:
    """(folded text, topic) pairs the classifier starts from: every lexicon term, and some "other"."""
    pairs = [(term, topic) for topic, terms in LEXICON.items() for term in terms]
    pairs += [(text, "other") for text in _OTHER_SEED]
    return pairs


@dataclass(frozen=True)
class Correction:
    """A staff member's topic for one comment (the text as it was)."""

    text: str
    topic: str


class TopicModel:
    """Character n-gram TF-IDF and a logistic regression over folded comments.

    Trained on the lexicon's seed plus staff corrections (each correction counted ``weight``
    times, so a few corrections outweigh the seed's short terms). ``topic_of`` keeps the lexicon's
    answer when it is confident and no correction says otherwise, else asks the classifier.
    """

    def __init__(self, corrections: Iterable[Correction] = (), weight: int = 3) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline

        pairs = seed_examples()
        self._corrected: dict[str, str] = {}
        for correction in corrections:
            if correction.topic not in TOPICS:
                continue
            folded = fold(correction.text)
            self._corrected[folded] = correction.topic
            pairs += [(folded, correction.topic)] * weight
        texts, topics = zip(*pairs, strict=True)
        self._pipeline = make_pipeline(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
            LogisticRegression(max_iter=2000, C=10.0),
        )
        self._pipeline.fit(list(texts), list(topics))
        self.learned = len(self._corrected)

    def classify(self, texts: Sequence[str]) -> list[str]:
        """The classifier's topic of each comment (no lexicon)."""
        if not texts:
            return []
        return list(self._pipeline.predict([fold(text) for text in texts]))

    def topic_of(self, text: str) -> str:
        """A comment's topic: a staff correction of the same words, else the lexicon when one topic
        clearly leads, else the classifier."""
        folded = fold(text)
        if folded in self._corrected:
            return self._corrected[folded]
        scores = lexicon_scores(text)
        if scores:
            ranked = sorted(scores.values(), reverse=True)
            if ranked[0] >= 2 * MINIMUM_SCORE and (len(ranked) == 1 or ranked[0] - ranked[1] >= 1.5):
                return lexicon_topic(text)
        return self.classify([text])[0]

    def topics_of(self, texts: Sequence[str]) -> list[str]:
        return [self.topic_of(text) for text in texts]


# --- Grouping similar questions ------------------------------------------------------------------


def group_similar(texts: Sequence[str], distance: float = 0.45) -> list[int]:
    """A group number for each text: questions worded alike (character n-gram cosine distance under
    ``distance``, average linkage) share one. Groups are numbered largest first."""
    if len(texts) < 2:
        return [0] * len(texts)
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True).fit_transform(
        [fold(text) or "-" for text in texts]
    )
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
    ).fit_predict(vectors.toarray())
    sizes: dict[int, int] = {}
    for label in labels:
        sizes[label] = sizes.get(label, 0) + 1
    order = sorted(sizes, key=lambda label: (-sizes[label], list(labels).index(label)))
    renumber = {label: number for number, label in enumerate(order)}
    return [renumber[label] for label in labels]


def shorten(text: str, length: int = 80) -> str:
    """A comment cut at a word boundary to about ``length`` characters, with an ellipsis."""
    single = " ".join(text.split())
    if len(single) <= length:
        return single
    cut = single[:length].rsplit(" ", 1)[0]
    return cut + "…"
