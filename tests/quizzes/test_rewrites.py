import json
from http import HTTPStatus

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from quizzes.models import Submission
from quizzes.rewrites import SUBMISSIONS_PER_MINUTE
from tests.factories import GOOD_REPLY, LATE_ORDER_CUSTOMER, POOR_REPLY, PASSWORD, rewrite_exercise


@pytest.fixture
def exercise(course):
    return rewrite_exercise(course)


def submit(client, exercise, text, token="t-1"):
    return client.post(exercise.get_absolute_url(), {"text": text, "token": token})


def test_a_good_reply_passes_and_the_feedback_page_says_what_was_done(learner_client, learner, exercise, enrolled):
    response = submit(learner_client, exercise, GOOD_REPLY)

    submission = Submission.objects.get(user=learner)
    assert response.status_code == HTTPStatus.FOUND and response.url == submission.get_absolute_url()
    assert submission.passed and submission.score >= exercise.rubric.pass_mark
    assert len(submission.findings) == exercise.rubric.criteria.count()
    page = learner_client.get(response.url).content.decode()
    assert "Passed." in page and "See a model answer" in page
    assert '<mark class="met"' in page


def test_a_poor_reply_fails_with_messages_that_say_what_to_change(learner_client, learner, exercise, enrolled):
    submit(learner_client, exercise, POOR_REPLY)

    submission = Submission.objects.get(user=learner)
    assert not submission.passed
    missed = [f for f in submission.findings if f["met"] is False]
    assert {"no_bare_refusal", "no_blame", "apologizes_or_owns"} <= {f["check"] for f in missed}
    assert all(f["message"] for f in missed)
    page = learner_client.get(submission.get_absolute_url()).content.decode()
    assert "Not passed yet" in page and '<mark class="missed"' in page and "See a model answer" not in page


def test_a_high_score_that_misses_a_required_point_says_which_point_fails_it(learner_client, learner, exercise, enrolled):
    shouted = GOOD_REPLY.replace("I'll call the warehouse now", "I WILL CALL THE WAREHOUSE NOW")
    submit(learner_client, exercise, shouted)

    submission = Submission.objects.get(user=learner)
    assert not submission.passed and submission.score >= exercise.rubric.pass_mark
    page = learner_client.get(submission.get_absolute_url()).content.decode()
    assert "a reply passes only when these are right: <strong>Warm, professional tone</strong>." in page


def test_the_learners_text_is_shown_escaped(learner_client, learner, exercise, enrolled):
    submit(learner_client, exercise, "<script>alert('x')</script> I'm sorry about order 4471.")

    page = learner_client.get(Submission.objects.get().get_absolute_url()).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


@pytest.mark.parametrize(("text", "message"), [
    ("   ", "Write your reply before submitting."),
    ("x" * 2001, "keep it to 2000 at most"),
])
def test_an_empty_or_over_long_reply_is_a_400_and_nothing_is_saved(learner_client, exercise, enrolled, text, message):
    response = submit(learner_client, exercise, text)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.content.decode()
    assert not Submission.objects.exists()


def test_a_learner_not_enrolled_is_refused(learner_client, exercise):
    response = submit(learner_client, exercise, GOOD_REPLY)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Submission.objects.exists()


def test_the_same_form_posted_twice_saves_once(learner_client, exercise, enrolled):
    first = submit(learner_client, exercise, GOOD_REPLY, token="same")
    second = submit(learner_client, exercise, GOOD_REPLY, token="same")

    assert Submission.objects.count() == 1
    assert first.url == second.url


def test_revising_keeps_the_history_and_the_best_counts(learner_client, learner, exercise, enrolled):
    submit(learner_client, exercise, POOR_REPLY, token="a")
    submit(learner_client, exercise, GOOD_REPLY, token="b")

    page = learner_client.get(exercise.get_absolute_url()).content.decode()

    assert list(Submission.objects.order_by("number").values_list("number", "passed")) == [(1, False), (2, True)]
    assert "(best)" in page and "best score" in page


def test_submissions_are_rate_limited(learner_client, exercise, enrolled):
    for i in range(SUBMISSIONS_PER_MINUTE):
        submit(learner_client, exercise, POOR_REPLY, token=f"t{i}")

    response = submit(learner_client, exercise, POOR_REPLY, token="one-more")

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert Submission.objects.count() == SUBMISSIONS_PER_MINUTE


def test_another_learners_submission_is_a_404(client, learner_client, other_learner, exercise, enrolled):
    submit(learner_client, exercise, GOOD_REPLY)
    client.login(username=other_learner.username, password=PASSWORD)

    assert client.get(Submission.objects.get().get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


class TestApi:
    def post(self, client, exercise, body, **headers):
        return client.post(reverse("api:submission-create", args=[exercise.id]), body,
                           content_type="application/json", **headers)

    def test_submit_and_read_back(self, learner_client, exercise, enrolled):
        response = self.post(learner_client, exercise, {"text": GOOD_REPLY})

        assert response.status_code == HTTPStatus.CREATED
        data = response.json()
        assert data["passed"] is True and 0 <= data["score"] <= 100
        assert {c["check"] for c in data["findings"]} >= {"apologizes_or_owns", "tone"}
        mine = learner_client.get(reverse("api:my-submissions")).json()["results"]
        assert [item["id"] for item in mine] == [data["id"]]

    def test_an_idempotency_key_saves_once(self, learner_client, exercise, enrolled):
        first = self.post(learner_client, exercise, {"text": GOOD_REPLY}, HTTP_IDEMPOTENCY_KEY="k1")
        second = self.post(learner_client, exercise, {"text": GOOD_REPLY}, HTTP_IDEMPOTENCY_KEY="k1")

        assert (first.status_code, second.status_code) == (HTTPStatus.CREATED, HTTPStatus.OK)
        assert Submission.objects.count() == 1

    @pytest.mark.parametrize(("body", "code"), [
        ({"text": ""}, "empty"), ({"text": "y" * 2001}, "too_long"), ({}, "invalid"), ({"text": 5}, "empty"),
    ])
    def test_bad_input_is_a_400_with_a_code(self, learner_client, exercise, enrolled, body, code):
        response = self.post(learner_client, exercise, body)

        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert response.json()["code"] in {code, "invalid"}
        assert not Submission.objects.exists()

    def test_not_enrolled_is_a_403(self, learner_client, exercise):
        assert self.post(learner_client, exercise, {"text": GOOD_REPLY}).status_code == HTTPStatus.FORBIDDEN

    def test_exercise_listing_does_not_give_away_the_model_answer(self, learner_client, course):
        from tests.factories import ModuleFactory

        module = ModuleFactory(course=course)
        rewrite_exercise(course, module=module)

        data = learner_client.get(reverse("api:module-exercises", args=[module.id])).json()

        assert data[0]["slug"] == "late-sofa" and "model_answer" not in data[0]
        assert GOOD_REPLY not in json.dumps(data)


class TestGradeRewritesCommand:
    def test_it_grades_json_lines(self, exercise, tmp_path):
        source = tmp_path / "in.jsonl"
        source.write_text("\n".join(json.dumps(item) for item in [
            {"id": "good", "text": GOOD_REPLY, "customer": LATE_ORDER_CUSTOMER},
            {"id": "poor", "text": POOR_REPLY},
        ]) + "\n")
        target = tmp_path / "out.jsonl"

        call_command("grade_rewrites", "--rubric", "service-recovery", "--input", str(source), "--output", str(target))

        rows = [json.loads(line) for line in target.read_text().splitlines()]
        assert [row["id"] for row in rows] == ["good", "poor"]
        assert rows[0]["passed"] is True and rows[1]["passed"] is False
        for row in rows:
            assert 0 <= row["score"] <= 100
            for criterion in row["criteria"]:
                assert set(criterion) == {"key", "met", "message", "spans"}

    def test_a_bad_line_names_its_number(self, exercise, tmp_path):
        source = tmp_path / "in.jsonl"
        source.write_text('{"id": 1, "text": "fine"}\nnot json\n')

        with pytest.raises(CommandError, match="Line 2: not valid JSON"):
            call_command("grade_rewrites", "--rubric", "service-recovery", "--input", str(source),
                         "--output", str(tmp_path / "out.jsonl"))

    def test_an_unknown_rubric_lists_the_known_ones(self, exercise):
        with pytest.raises(CommandError, match="Known rubrics: service-recovery"):
            call_command("grade_rewrites", "--rubric", "nope")
