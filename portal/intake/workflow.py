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
    """The move is not allowed; the message says why and what is allowed instead."""


def allowed_next(kind: str, status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(kind, {}).get(status, ())


def check_transition(kind: str, status: str, new_status: str, outcome: str = "",
                     note: str = "", recommendations: str = "") -> None:
    allowed = allowed_next(kind, status)
    if new_status not in allowed:
        if not allowed:
            raise TransitionRefused(f"This {kind} is {STATUS_LABELS[status].lower()} and "
                                    "cannot move on")
        names = " or ".join(STATUS_LABELS[option].lower() for option in allowed)
        raise TransitionRefused(f"A {kind} that is {STATUS_LABELS[status].lower()} can only "
                                f"move to {names}")
    if new_status == "closed" and not (outcome.strip() and note.strip()):
        raise TransitionRefused("Enter the outcome and a note to close the case")
    if new_status == "upheld" and not recommendations.strip():
        raise TransitionRefused("Enter the recommendations when a review is upheld")
