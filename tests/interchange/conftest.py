from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE_FOLDERS = [REPO.parent / "shared" / "samples" / "timelinejs", Path("/work/shared/samples/timelinejs")]


def _sample(name: str) -> Path:
    for folder in SAMPLE_FOLDERS:
        if (folder / name).is_file():
            return folder / name
    pytest.fail(f"The TimelineJS sample {name} is missing; looked in {', '.join(map(str, SAMPLE_FOLDERS))}.")


@pytest.fixture
def json_sample() -> Path:
    return _sample("women_in_computing.json")


@pytest.fixture
def sheet_sample() -> Path:
    return _sample("my-own-timeline.csv")
