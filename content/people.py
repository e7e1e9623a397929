"""The rules of the office's people: who is a senior employee, what the public may know
of each post, the reporting lines (which must never go round in a circle) and the
organisation chart they make.

The senior salary threshold is a setting (`SENIOR_SALARY_THRESHOLD`), given to these
functions by the caller.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from content.models import Post

# The threshold the Specified Information Order is read with (Norfolk OPCC's note): a
# senior employee is paid more than £58,200. The setting's default.
DEFAULT_SENIOR_SALARY_THRESHOLD_PENCE = 5_820_000
# What the public is told a post is, as the downloads and search results say it.
POST_TYPES = ("Office holder", "Senior employee", "Other post")
# A post may not be called this: its address is the organisation chart's.
RESERVED_SLUGS = ("chart",)


def is_senior(office_holder: bool, salary_pence: int | None, threshold_pence: int) -> bool:
    """An employee paid above the threshold (office holders are not employees)."""
    return not office_holder and salary_pence is not None and salary_pence > threshold_pence


def settle_seniority(session: Session, threshold_pence: int) -> int:
    """Mark each post senior or not by the threshold; returns how many changed. Run
    whenever posts are saved, so what is public follows the setting."""
    changed = 0
    for post in session.scalars(select(Post)):
        senior = is_senior(post.office_holder, post.salary_pence, threshold_pence)
        if post.senior != senior:
            post.senior = senior
            changed += 1
    return changed


def reporting_problem(slug: str, reports_to: str | None,
                      lines: Mapping[str, str | None]) -> str | None:
    """Why the post `slug` cannot report to `reports_to`, given every other post's line
    (slug → the slug it reports to), or None if it can."""
    if not reports_to:
        return None
    if reports_to == slug:
        return "A post cannot report to itself"
    if reports_to not in lines:
        return f"There is no post “{reports_to}” to report to"
    seen = {slug}
    above: str | None = reports_to
    while above:
        if above in seen:
            return ("That would make a circle of reporting lines: the post you chose "
                    "reports, directly or through others, to this one")
        seen.add(above)
        above = lines.get(above)
    return None


def reporting_problems(lines: Mapping[str, str | None]) -> dict[str, str]:
    """Every post whose reporting line is wrong (unknown post, or a circle), by slug."""
    problems = {}
    for slug, reports_to in lines.items():
        others = {other: line for other, line in lines.items() if other != slug}
        problem = reporting_problem(slug, reports_to, {**others, slug: None})
        if problem:
            problems[slug] = problem
    return problems


def reporting_lines(session: Session) -> dict[str, str | None]:
    """Every post's reporting line, drafts included (slug → the slug it reports to)."""
    return {slug: above for slug, above in session.execute(select(Post.slug, Post.reports_to))}


@dataclass
class ChartPost:
    """A post on the organisation chart with the posts that report to it."""

    post: Post
    reports: list["ChartPost"] = field(default_factory=list)

    def walk(self) -> Iterable[tuple[int, Post]]:
        """Every post under this one (itself first) with its depth, in reading order."""
        yield 0, self.post
        for report in self.reports:
            for depth, post in report.walk():
                yield depth + 1, post


def chart_order(post: Post) -> tuple[bool, bool, str]:
    """Office holders first, then senior staff, then the rest, each by job title."""
    return (not post.office_holder, not post.senior, post.title.lower())


def organisation_chart(posts: Sequence[Post]) -> list[ChartPost]:
    """The published posts as trees, from the posts that report to no published post.
    A post whose line leads to an unpublished post starts a tree of its own, so no
    published post is left off."""
    nodes = {post.slug: ChartPost(post) for post in sorted(posts, key=chart_order)}
    roots = []
    for node in nodes.values():
        above = node.post.reports_to
        if above in nodes and above != node.post.slug:
            nodes[above].reports.append(node)
        else:
            roots.append(node)
    return roots


class ReportingLinesRefused(ValueError):
    """Saved posts whose reporting lines are wrong; the caller rolls back."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"post “{slug}”: {problem}"
                                   for slug, problem in sorted(problems.items())))
        self.problems = problems


def settle_posts(session: Session, threshold_pence: int) -> None:
    """After posts are saved: refuse reporting lines that lead nowhere or go round in a
    circle (`ReportingLinesRefused`), then settle who is senior by the threshold."""
    session.flush()
    problems = reporting_problems(reporting_lines(session))
    if problems:
        raise ReportingLinesRefused(problems)
    settle_seniority(session, threshold_pence)
