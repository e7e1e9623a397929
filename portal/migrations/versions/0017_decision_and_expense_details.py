"""what decisions and PCC/DPCC expense lines lacked

Decisions gain their reasons, the options considered, declarations of interest, the
advice of the Chief Finance Officer and the Monitoring Officer, and, for a partly exempt
decision, the ground for withholding and what is withheld. Expense lines gain what the
Home Office guidance expects: claim reference, month of claim, amount claimed (beside the
amount reimbursed), why anything was not reimbursed, and the details of travel and
accommodation. Every existing line was reimbursed in full, so its amount claimed is its
amount. Undoing the migration drops the new columns and what they held.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 10:00:00

"""
from collections.abc import Sequence
from typing import Union

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: Union[str, Sequence[str], None] = "0016"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

DECISION_MARKDOWN = ("reasons", "options_considered", "declarations_of_interest",
                     "finance_officer_advice", "monitoring_officer_advice", "withheld")
EXPENSE_COLUMNS = (
    ("claim_reference", sa.String(length=60)), ("claim_month", sa.Date()),
    ("not_reimbursed_reason", sa.String(length=500)), ("origin", sa.String(length=200)),
    ("destination", sa.String(length=200)), ("travel_mode", sa.String(length=60)),
    ("travel_class", sa.String(length=60)), ("mileage", sa.Integer()),
    ("nights", sa.Integer()), ("accommodation", sa.String(length=200)),
)


def upgrade() -> None:
    with op.batch_alter_table("decision", schema=None) as batch_op:
        for name in DECISION_MARKDOWN:
            for part in ("markdown", "html"):
                batch_op.add_column(sa.Column(f"{name}_{part}", sa.Text(), nullable=False,
                                              server_default=""))
        batch_op.add_column(sa.Column("exemption_ground", sa.String(length=60), nullable=True))
    # The default filled the existing rows; new rows get theirs from the model.
    with op.batch_alter_table("decision", schema=None) as batch_op:
        for name in DECISION_MARKDOWN:
            for part in ("markdown", "html"):
                batch_op.alter_column(f"{name}_{part}", server_default=None)

    with op.batch_alter_table("expense", schema=None) as batch_op:
        for name, column_type in EXPENSE_COLUMNS:
            batch_op.add_column(sa.Column(name, column_type, nullable=True))
        batch_op.add_column(sa.Column("amount_claimed_pence", sa.Integer(), nullable=True))
    expense = sa.table("expense", sa.column("amount_pence", sa.Integer),
                       sa.column("amount_claimed_pence", sa.Integer))
    op.execute(expense.update().values(amount_claimed_pence=expense.c.amount_pence))
    with op.batch_alter_table("expense", schema=None) as batch_op:
        batch_op.alter_column("amount_claimed_pence", existing_type=sa.Integer(),
                              nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("expense", schema=None) as batch_op:
        batch_op.drop_column("amount_claimed_pence")
        for name, _ in reversed(EXPENSE_COLUMNS):
            batch_op.drop_column(name)
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_column("exemption_ground")
        for name in reversed(DECISION_MARKDOWN):
            for part in ("html", "markdown"):
                batch_op.drop_column(f"{name}_{part}")
