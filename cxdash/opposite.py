"""The eight OPPOSITE steps of a digital transformation, in order.

Only structure lives here; every word a user reads is in the translation
catalog under ``step.<key>.*``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    number: int
    key: str
    icon: str
    artefact: str  # the dataset the team fills in at this step
    questions: int  # how many guiding questions the catalog holds

    def text_key(self, part: str) -> str:
        return f"step.{self.key}.{part}"

    def question_keys(self) -> tuple[str, ...]:
        return tuple(self.text_key(f"question.{i}") for i in range(1, self.questions + 1))


STEPS: tuple[Step, ...] = (
    Step(1, "orientation", ":material/explore:", "trends", 3),
    Step(2, "people", ":material/groups:", "journey_notes", 4),
    Step(3, "processes", ":material/account_tree:", "barriers", 3),
    Step(4, "objectives", ":material/flag:", "milestones", 4),
    Step(5, "structure", ":material/lan:", "raci", 3),
    Step(6, "insights", ":material/lightbulb:", "insights", 4),
    Step(7, "technology", ":material/memory:", "tech_stack", 3),
    Step(8, "execution", ":material/rocket_launch:", "practices", 3),
)


def step(number: int) -> Step:
    return STEPS[number - 1]
