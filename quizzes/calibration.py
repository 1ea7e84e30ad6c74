"""How far the grader agrees with a trainer's own judgement of sample replies, before learners see an exercise."""

from dataclasses import dataclass, field

from quizzes.rewrites import grade_reply


@dataclass
class Disagreement:
    sample: object
    graded_pass: bool
    score: int
    # {check: (trainer's mark, grader's finding)} for the criteria the trainer marked and the grader saw otherwise
    criteria: dict = field(default_factory=dict)


@dataclass
class Calibration:
    samples: int = 0
    agreed: int = 0
    # {check: [agreed, marked]}
    per_criterion: dict = field(default_factory=dict)
    disagreements: list = field(default_factory=list)

    @property
    def percent(self):
        """Share of samples whose pass or fail the grader matched; None with no samples."""
        return round(100 * self.agreed / self.samples) if self.samples else None

    def criterion_rows(self):
        return [(check, agreed, marked, round(100 * agreed / marked)) for check, (agreed, marked)
                in sorted(self.per_criterion.items())]


def exercise_calibration(exercise):
    """Grade every calibration sample of the exercise and compare with the trainer's marks. No writes."""
    result = Calibration()
    for sample in exercise.calibration_samples.all():
        graded = grade_reply(exercise=exercise, text=sample.text)
        found = {f.check: f.met for f in graded.findings if f.met is not None}
        result.samples += 1
        result.agreed += graded.passed == sample.expected_pass
        differing = {}
        for check, expected in (sample.expected_criteria or {}).items():
            if check not in found:
                continue
            tally = result.per_criterion.setdefault(check, [0, 0])
            tally[1] += 1
            if found[check] == bool(expected):
                tally[0] += 1
            else:
                differing[check] = (bool(expected), found[check])
        if graded.passed != sample.expected_pass or differing:
            result.disagreements.append(Disagreement(sample, graded.passed, graded.score, differing))
    return result


def calibration_warnings(exercises):
    """A warning for each exercise whose grader agrees with fewer samples than its threshold."""
    warnings = []
    for exercise in exercises:
        calibration = exercise_calibration(exercise)
        if calibration.samples and calibration.percent < exercise.calibration_threshold:
            warnings.append(
                f"Exercise “{exercise.title}”: the grader agrees with {calibration.agreed} of "
                f"{calibration.samples} calibration samples ({calibration.percent}%), below the "
                f"{exercise.calibration_threshold}% set for it. Check the disagreements on its calibration page."
            )
    return warnings
