"""crime and disorder reduction grants, contracts and invitations to tender

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 09:53:35.013804

"""
from collections.abc import Sequence
from typing import Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "0013"
down_revision: Union[str, Sequence[str], None] = '0012'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Three new collections: crime and disorder reduction grants, contracts and
    invitations to tender."""
    op.create_table('contract',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('supplier', sa.String(length=200), nullable=False),
    sa.Column('parties', sa.String(length=60), nullable=False),
    sa.Column('other_parties', sa.String(length=300), nullable=False),
    sa.Column('purpose_markdown', sa.Text(), nullable=False),
    sa.Column('purpose_html', sa.Text(), nullable=False),
    sa.Column('value_pence', sa.BigInteger(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('procurement_route', sa.String(length=120), nullable=False),
    sa.Column('tender_reference', sa.String(length=40), nullable=True),
    sa.Column('decision_reference', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('publish_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contract')),
    sa.UniqueConstraint('reference', name=op.f('uq_contract_reference')),
    sa.UniqueConstraint('slug', name=op.f('uq_contract_slug'))
    )
    with op.batch_alter_table('contract', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contract_decision_reference'), ['decision_reference'], unique=False)
        batch_op.create_index(batch_op.f('ix_contract_end_date'), ['end_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_contract_procurement_route'), ['procurement_route'], unique=False)
        batch_op.create_index(batch_op.f('ix_contract_publish_at'), ['publish_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_contract_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_contract_start_date'), ['start_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_contract_supplier'), ['supplier'], unique=False)
        batch_op.create_index(batch_op.f('ix_contract_tender_reference'), ['tender_reference'], unique=False)
        batch_op.create_index(batch_op.f('ix_contract_value_pence'), ['value_pence'], unique=False)

    op.create_table('grant_award',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('fund', sa.String(length=120), nullable=False),
    sa.Column('purpose', sa.String(length=500), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('amount_pence', sa.Integer(), nullable=False),
    sa.Column('conditions_markdown', sa.Text(), nullable=False),
    sa.Column('conditions_html', sa.Text(), nullable=False),
    sa.Column('crime_reduction_markdown', sa.Text(), nullable=False),
    sa.Column('crime_reduction_html', sa.Text(), nullable=False),
    sa.Column('decision_reference', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('publish_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_award')),
    sa.UniqueConstraint('reference', name=op.f('uq_grant_award_reference')),
    sa.UniqueConstraint('slug', name=op.f('uq_grant_award_slug'))
    )
    with op.batch_alter_table('grant_award', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grant_award_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_grant_award_decision_reference'), ['decision_reference'], unique=False)
        batch_op.create_index(batch_op.f('ix_grant_award_fund'), ['fund'], unique=False)
        batch_op.create_index(batch_op.f('ix_grant_award_publish_at'), ['publish_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_grant_award_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_grant_award_recipient'), ['recipient'], unique=False)

    op.create_table('tender',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description_markdown', sa.Text(), nullable=False),
    sa.Column('description_html', sa.Text(), nullable=False),
    sa.Column('estimated_value_pence', sa.BigInteger(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('closing_date', sa.Date(), nullable=False),
    sa.Column('how_to_respond_markdown', sa.Text(), nullable=False),
    sa.Column('how_to_respond_html', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('publish_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tender')),
    sa.UniqueConstraint('reference', name=op.f('uq_tender_reference')),
    sa.UniqueConstraint('slug', name=op.f('uq_tender_slug'))
    )
    with op.batch_alter_table('tender', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tender_closing_date'), ['closing_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_tender_issued_on'), ['issued_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_tender_publish_at'), ['publish_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_tender_published_at'), ['published_at'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('tender', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tender_published_at'))
        batch_op.drop_index(batch_op.f('ix_tender_publish_at'))
        batch_op.drop_index(batch_op.f('ix_tender_issued_on'))
        batch_op.drop_index(batch_op.f('ix_tender_closing_date'))

    op.drop_table('tender')
    with op.batch_alter_table('grant_award', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grant_award_recipient'))
        batch_op.drop_index(batch_op.f('ix_grant_award_published_at'))
        batch_op.drop_index(batch_op.f('ix_grant_award_publish_at'))
        batch_op.drop_index(batch_op.f('ix_grant_award_fund'))
        batch_op.drop_index(batch_op.f('ix_grant_award_decision_reference'))
        batch_op.drop_index(batch_op.f('ix_grant_award_date'))

    op.drop_table('grant_award')
    with op.batch_alter_table('contract', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contract_value_pence'))
        batch_op.drop_index(batch_op.f('ix_contract_tender_reference'))
        batch_op.drop_index(batch_op.f('ix_contract_supplier'))
        batch_op.drop_index(batch_op.f('ix_contract_start_date'))
        batch_op.drop_index(batch_op.f('ix_contract_published_at'))
        batch_op.drop_index(batch_op.f('ix_contract_publish_at'))
        batch_op.drop_index(batch_op.f('ix_contract_procurement_route'))
        batch_op.drop_index(batch_op.f('ix_contract_end_date'))
        batch_op.drop_index(batch_op.f('ix_contract_decision_reference'))

    op.drop_table('contract')
