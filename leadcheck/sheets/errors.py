"""The exception that every file reader raises for an input it cannot use."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """An input that cannot be used; str(error) is one Chinese sentence naming the file and what to do."""

    def __init__(self, path: Path, problem: str, remedy: str) -> None:
        self.path = path
        self.problem = problem
        self.remedy = remedy
        super().__init__(f"文件“{path.name}”{problem}：{remedy}。")
