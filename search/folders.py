"""Where a file-based index lives: a folder of index directories and a `CURRENT` file
naming the live one. A rebuild writes a new directory and then switches `CURRENT` to it
with one rename, so a search never sees half an index and a crash mid-rebuild leaves the
old one live."""

import os
import shutil
import time
from abc import ABC, abstractmethod
from pathlib import Path


class IndexFolder(ABC):
    # What `SCHEMA_VERSION` in each directory says when the backend built it.
    schema_version: str

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)

    @abstractmethod
    def _create_index_in(self, directory: Path) -> None:
        """Make an empty index of this backend's kind in the new `directory`."""

    def _current_name(self) -> str | None:
        """The live directory's name; None when there is none, or `CURRENT` is unreadable
        (missing, a folder, or rubbish), so that a rebuild can start from nothing."""
        try:
            return (self.folder / "CURRENT").read_text().strip() or None
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError, UnicodeDecodeError):
            return None

    def _switch_to(self, name: str) -> None:
        pointer = self.folder / "CURRENT.tmp"
        pointer.write_text(name)
        os.replace(pointer, self.folder / "CURRENT")

    def _new_directory(self) -> Path:
        directory = self.folder / f"index-{time.time_ns()}"
        directory.mkdir(parents=True)
        self._create_index_in(directory)
        (directory / "SCHEMA_VERSION").write_text(self.schema_version)
        return directory

    def _remove_old_directories(self, keep: set[str]) -> None:
        """Delete every index directory but those in `keep` (the live one, and the one
        before it, which searches in other processes may still have open)."""
        for path in self.folder.glob("index-*"):
            if path.name not in keep:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
