"""Which status a case may move to next, and what closing needs."""

STATUS_LABELS = {
    "received": "Received",
    "acknowledged": "Acknowledged",
    "assessing": "Assessing",
    "service_recovery": "Service recovery",
    "referred_to_psd": "Recorded and referred to Professional Standards",
    "signposted": "Signposted",
    "passed_to_panel": "Passed to the Police and Crime Panel",
    "reviewing": "Reviewing",
    "upheld": "Outcome: upheld",
    "not_upheld": "Outcome: not upheld",
    "passed_on": "Passed to the officer and line manager",
    "closed": "Closed",
}

TRANSITIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "complaint": {
        "received": ("acknowledged",),
        "acknowledged": ("assessing",),
        "assessing": ("service_recovery", "referred_to_psd", "signposted", "passed_to_panel"),
        "service_recovery": ("closed",),
        "referred_to_psd": ("closed",),
        "signposted": ("closed",),
        "passed_to_panel": ("closed",),
    },
    "review": {
        "received": ("acknowledged",),
        "acknowledged": ("reviewing",),
        "reviewing": ("upheld", "not_upheld"),
        "upheld": ("closed",),
        "not_upheld": ("closed",),
    },
    "compliment": {
        "received": ("passed_on",),
        "passed_on": ("closed",),
    },
}

# IOPC, Guidance on capturing data about police complaints: the complaint categories.
IOPC_CATEGORIES = (
    "Delivery of duties and service",
    "Police powers, policies and procedures",
    "Handling of or damage to property or premises",
    "Access to and/or disclosure of information",
    "Use of police vehicles",
    "Discriminatory behaviour",
    "Abuse of position/corruption",
    "Sexual conduct",
    "Individual behaviours",
    "Other",
)


class TransitionRefused(ValueError):
    """The move is not allowed; `problems` says why, under the name of the box each
    problem is about ("status", "outcome", "note" or "recommendations")."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(". ".join(problems.values()))
        self.problems = problems


def allowed_next(kind: str, status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(kind, {}).get(status, ())


def transition_problems(kind: str, status: str, new_status: str, outcome: str = "",
                        note: str = "", recommendations: str = "") -> dict[str, str]:
    """Everything that stops the move, all at once, each under the box it is about."""
    allowed = allowed_next(kind, status)
    if new_status not in allowed:
        if not allowed:
            return {"status": f"This {kind} is {STATUS_LABELS[status].lower()} and cannot "
                              "move on"}
        names = " or ".join(STATUS_LABELS[option].lower() for option in allowed)
        return {"status": f"A {kind} that is {STATUS_LABELS[status].lower()} can only move "
                          f"to {names}"}
    problems = {}
    if new_status == "closed" and not outcome.strip():
        problems["outcome"] = "Enter the outcome to close the case"
    if new_status == "closed" and not note.strip():
        problems["note"] = "Enter a note to close the case"
    if new_status == "upheld" and not recommendations.strip():
        problems["recommendations"] = "Enter the recommendations when a review is upheld"
    return problems


def check_transition(kind: str, status: str, new_status: str, outcome: str = "",
                     note: str = "", recommendations: str = "") -> None:
    problems = transition_problems(kind, status, new_status, outcome, note, recommendations)
    if problems:
        raise TransitionRefused(problems)
