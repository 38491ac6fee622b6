"""How well comments are read: question detection and topics, on the labelled sample.

Reads ``tests/fixtures/comments/binh_luan_mau.csv`` (comments written in the styles people use:
with and without diacritics, teen-code) and prints, for the questions in it, the share put on the
right topic by
- the keyword lexicon alone (written with this sample in view: an optimistic figure);
- the classifier trained on the lexicon's seed only (no staff corrections yet);
- the classifier trained on the seed plus the other folds as staff corrections, and the combined
  reading the monitor uses (``TopicModel.topic_of``): stratified k-fold cross-validation, every
  comment predicted by a model that never saw it.
The baseline is the most frequent topic. Target: ≥ 85 % of questions on the right topic.

    python bench/questions_accuracy.py [--folds 5] [--json PATH]
"""

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sklearn.model_selection import StratifiedKFold

from bench.convention import Figure, figure, write_json
from models.questions import Correction, TopicModel, is_question, lexicon_topic

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "comments" / "binh_luan_mau.csv"
TARGET = 85.0


def load_sample(path: Path = SAMPLE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def share(hits: int, total: int) -> float:
    return 100.0 * hits / total if total else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--json", type=Path)
    arguments = parser.parse_args()

    rows = load_sample()
    questions = [row for row in rows if row["is_question"] == "1"]
    texts = [row["text"] for row in questions]
    truth = [row["topic"] for row in questions]
    figures: list[Figure] = []

    detected = sum(is_question(row["text"]) == (row["is_question"] == "1") for row in rows)
    asked = [is_question(row["text"]) for row in rows]
    true_positive = sum(a and row["is_question"] == "1" for a, row in zip(asked, rows, strict=True))
    precision = share(true_positive, sum(asked))
    recall = share(true_positive, len(questions))
    figures.append(figure("question detection, accuracy", share(detected, len(rows)), "%"))
    figures.append(figure("question detection, precision", precision, "%"))
    figures.append(figure("question detection, recall", recall, "%"))

    most_common = Counter(truth).most_common(1)[0][1]
    baseline = share(most_common, len(truth))

    def topic_figure(name: str, predicted: list[str]) -> Figure:
        value = share(sum(p == t for p, t in zip(predicted, truth, strict=True)), len(truth))
        return figure(name, value, "%", baseline=round(baseline, 2), ratio=value / baseline, target=TARGET)

    lexicon = [lexicon_topic(text) for text in texts]
    figures.append(topic_figure("topic, lexicon alone (tuned on this sample)", lexicon))
    figures.append(topic_figure("topic, classifier on the seed only", TopicModel().classify(texts)))

    classifier = [""] * len(texts)
    combined = [""] * len(texts)
    folds = StratifiedKFold(n_splits=arguments.folds, shuffle=True, random_state=25)
    for train, test in folds.split(texts, truth):
        model = TopicModel(Correction(texts[i], truth[i]) for i in train)
        held_out = [texts[i] for i in test]
        for i, topic in zip(test, model.classify(held_out), strict=True):
            classifier[i] = topic
        for i, topic in zip(test, model.topics_of(held_out), strict=True):
            combined[i] = topic
    cv = f"({arguments.folds}-fold CV)"
    figures.append(topic_figure(f"topic, classifier + corrections {cv}", classifier))
    figures.append(topic_figure(f"topic, lexicon + classifier + corrections {cv}", combined))

    print(f"{len(rows)} comments, {len(questions)} questions; most frequent topic {baseline:.1f} %")
    for item in figures:
        ratio = f"  ×{item['ratio']} baseline" if item["ratio"] is not None else ""
        target = f"  (target ≥ {item['target']:.0f} %)" if item["target"] is not None else ""
        print(f"{item['name']:<62} {item['value']:>6.1f} %{ratio}{target}")
    if arguments.json:
        write_json(arguments.json, figures)


if __name__ == "__main__":
    main()
