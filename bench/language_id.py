"""Language identification on MASSIVE's validation queries (../shared/data/massive, or CC_DATA):
per language, how often ``detect_language`` is right, wrong or has no clue, and its time per
query; against the plain py3langid model (all 97 languages, no thresholds) in the same run."""

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from contactcenter.knowledge.analysis import detect_language

DATA = Path(os.environ.get("CC_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data") / "massive"
LANGUAGES = ("en", "nl", "zh", "ko")


def measure(name: str, detect: Callable[[str], str | None], queries: dict[str, list[str]]) -> None:
    for language, texts in queries.items():
        start = time.perf_counter()
        found = [detect(text) for text in texts]
        micros = (time.perf_counter() - start) / len(texts) * 1e6
        right = sum(f == language for f in found) / len(texts)
        unknown = sum(f is None for f in found) / len(texts)
        print(
            f"  {name:16} {language}  right {right:.3f}  wrong {1 - right - unknown:.3f}  "
            f"no clue {unknown:.3f}  {micros:.0f} us/query  ({len(texts)} queries)"
        )


def main() -> int:
    if not DATA.is_dir():
        print(f"no data at {DATA}: set CC_DATA to the shared data folder", file=sys.stderr)
        return 2
    queries = {
        language: [json.loads(line)["query"] for line in (DATA / f"queries-val-{language}.jsonl").open()]
        for language in LANGUAGES
    }
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]  # no types shipped

    plain = LanguageIdentifier.from_model_file(MODEL_FILE)
    detect_language("warm up"), plain.classify("warm up")  # the models load once, not in a figure
    print("language identification, MASSIVE validation split")
    measure("detect_language", detect_language, queries)
    measure("py3langid plain", lambda text: str(plain.classify(text)[0]), queries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
