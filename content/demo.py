"""Loading the fictional demonstration data set."""

from sqlalchemy.orm import Session

from content.demo_data import SAMPLE_SPENDING_PER_MONTH, generate_demo_records
from content.importer import ImportSummary, parse_record
from content.store import save_records, set_site_setting

DEMO_FLAG = "demo_data_loaded"


def load_demo(session: Session,
              spending_per_month: int = SAMPLE_SPENDING_PER_MONTH) -> ImportSummary:
    """Import the demo records (idempotent), with about `spending_per_month` spending lines
    a month, and mark the site as showing demo data."""
    records = [parse_record(raw, number) for number, raw in enumerate(
        generate_demo_records(spending_per_month=spending_per_month), start=1)]
    summary = save_records(session, records)
    set_site_setting(session, DEMO_FLAG, "yes")
    return summary
