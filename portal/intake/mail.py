"""The emails a submission sends: the person's acknowledgement, and the intake team's
notification (which carries no personal details beyond the reference and type)."""

from datetime import date

from portal.intake.models import IntakeCase

WHAT = {"complaint": "complaint", "compliment": "compliment", "review": "request for a review"}


def acknowledgement(case: IntakeCase, email: str, office: str,
                    reply_by: date) -> dict[str, str]:
    what = WHAT[case.kind]
    lines = [
        f"Thank you. We have received your {what}.",
        "",
        f"Your reference number is {case.reference}",
        "",
        "Keep this number: quote it if you contact us about this.",
        "",
    ]
    if case.kind == "compliment":
        lines.append("We will pass your thanks on to the people involved and their manager "
                     f"by {_day(reply_by)}.")
    else:
        lines.append(f"We will contact you by {_day(reply_by)} to tell you what happens next.")
    lines += ["", office]
    return {"purpose": "acknowledgement", "recipient": email,
            "subject": f"We have received your {what}: {case.reference}",
            "body": "\n".join(lines) + "\n"}


def intake_notification(case: IntakeCase, mailbox: str) -> dict[str, str]:
    return {"purpose": "notification", "recipient": mailbox,
            "subject": f"New {WHAT[case.kind]}: {case.reference}",
            "body": f"A new {WHAT[case.kind]} has arrived in the intake queue.\n\n"
                    f"Reference: {case.reference}\nType: {case.kind}\nReceived: "
                    f"{case.received_at:%Y-%m-%d %H:%M} UTC\n"}


def _day(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"
