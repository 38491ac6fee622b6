"""What the staff browser tests look for in a page, as JavaScript run in Chromium: chart text that
overlaps other chart text or is cut at the chart's edge, a page wider than the screen, and words
that are not Vietnamese in the Vietnamese interface."""

import re
from collections.abc import Iterable

# Every drawn text of every visible Plotly chart: titles, legend entries, annotations, tick labels,
# axis titles, bar labels. Two boxes overlapping by more than a sliver, or a box outside its chart's
# drawing, is a problem (one line each, naming the texts).
CHART_TEXT_PROBLEMS = """() => {
  const problems = [];
  const visible = element => {
    for (let e = element; e && e instanceof Element; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return false;
    }
    return true;
  };
  for (const chart of document.querySelectorAll('.js-plotly-plot')) {
    const svg = chart.querySelector('.main-svg');
    if (!svg || !visible(chart)) continue;
    const edge = svg.getBoundingClientRect();
    if (edge.width === 0) continue;
    const texts = [...chart.querySelectorAll('text')]
      .filter(text => text.textContent.trim() && visible(text))
      .map(text => ({ text: text.textContent.trim(), box: text.getBoundingClientRect() }))
      .filter(item => item.box.width > 0 && item.box.height > 0);
    for (const item of texts) {
      const b = item.box;
      const outside = b.left < edge.left - 1 || b.right > edge.right + 1;
      if (outside || b.top < edge.top - 1 || b.bottom > edge.bottom + 1) {
        problems.push(`cut: "${item.text}"`);
      }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].box, b = texts[j].box;
        const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (width > 2 && height > 2) problems.push(`overlap: "${texts[i].text}" / "${texts[j].text}"`);
      }
    }
  }
  return problems;
}"""

# The page's main area scrolls sideways (something wider than the screen), or a key figure is cut.
PAGE_TOO_WIDE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const wide = main && main.scrollWidth > main.clientWidth + 1 ? [`page ${main.scrollWidth} px wide`] : [];
  const cut = [...document.querySelectorAll('[data-testid="stMetric"] *')]
    .filter(element => element.scrollWidth > element.clientWidth + 1)
    .map(element => `card cut: ${element.innerText}`);
  return [...wide, ...cut];
}"""

# What a user reads: the visible text (not the skip link, off screen until tabbed to), the text
# drawn in charts, tooltips (title), what fields and lists hold (or their placeholder when empty),
# and the browser tab's title; and the names of the icons, which Streamlit writes as words.
# Screen-reader labels (aria-label) and announcements (a live region one pixel wide, such as the
# date field's "… options available") are not shown and not read here.
VISIBLE_WORDS = """() => {
  let shown = document.body.innerText.replace('Skip to main content', '');
  for (const region of document.querySelectorAll('[aria-live], [role="log"]')) {
    const box = region.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) shown = shown.replace(region.innerText, '');
  }
  const parts = [shown];
  for (const text of document.querySelectorAll('.js-plotly-plot text')) parts.push(text.textContent);
  for (const element of document.querySelectorAll('[title], [data-title]')) {
    parts.push(element.getAttribute('title') || '', element.getAttribute('data-title') || '');
  }
  for (const field of document.querySelectorAll('input, textarea')) {
    if (field.type === 'hidden' || field.type === 'file') continue;
    parts.push(field.value || field.getAttribute('placeholder') || '');
  }
  parts.push(document.title);
  const icons = [...document.querySelectorAll('[data-testid="stIconMaterial"]')].map(icon => icon.innerText);
  return { text: parts.join('\\n'), icons };
}"""


# A Vietnamese syllable written without its marks: an onset, a vowel group, an ending. Words with
# Vietnamese letters pass as they are; a word of plain letters that cannot be a syllable is English
# (or a code) unless the allow-list names it.
ONSET = "(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|b|c|d|g|h|k|l|m|n|r|s|t|v|x)?"
VOWEL_GROUPS = "uye uya ieu yeu uoi oai oay uay oeo ai ao au ay eo eu ia iu oa oe oi ua ue ui uo uy ie ye"
VOWELS = "(?:" + "|".join([*VOWEL_GROUPS.split(), *"aeiouy"]) + ")"
ENDING = "(?:ng|nh|ch|c|m|n|p|t)?"
SYLLABLE = re.compile(f"^{ONSET}{VOWELS}{ENDING}$")
VIETNAMESE_LETTERS = re.compile("[àáâãèéêìíòóôõùúýăđĩũơưạ-ỹ]", re.IGNORECASE)
# Plain syllables that are English words on a Vietnamese screen (a unit or a table's empty value).
ENGLISH_ANYWAY = {"min", "none", "nan", "null", "per", "the", "and", "of", "to", "past", "date", "range"}
ALLOWED_WORDS = (
    # names, brands, place names and abbreviations (PT-TH: phát thanh – truyền hình)
    "facebook youtube zalo tiktok instagram vssid bhxh bhyt oa meta google fanpage livestream reel "
    "chrome chromium business suite english demo pa pt th toml "
    # words Vietnamese took in as they are
    "video pano email online website logo "
    # units and file kinds
    "kb mb csv xlsx txt html docx png zip excel word url id api tb"
)
ALLOWED = set(ALLOWED_WORDS.split())


def english_words(text: str, icons: Iterable[str] = ()) -> set[str]:
    """The words of ``text`` that cannot be Vietnamese and are not on the allow-list (nor the name
    of an icon shown as a picture)."""
    found = set()
    for icon in icons:
        text = text.replace(icon, " ")
    text = re.sub(r"\S+\.(?:toml|csv|xlsx|txt|docx|html|zip|png)\b", " ", text)  # file names
    for word in re.findall(r"[^\W\d]+(?:_[^\W\d]+)*", text):
        plain = word.lower()
        if VIETNAMESE_LETTERS.search(plain) or plain in ALLOWED or len(plain) == 1:
            continue
        if plain in ENGLISH_ANYWAY or not SYLLABLE.match(plain):
            found.add(word)
    return found
