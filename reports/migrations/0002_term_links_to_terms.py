"""The report's links to its term point at terms.Term (the same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0001_initial'),
        ('terms', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='historicalselfreviewreport',
                    name='term',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='terms.term', verbose_name='nhiệm kỳ'),
                ),
                migrations.AlterField(
                    model_name='issueddocument',
                    name='term',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='issued_documents', to='terms.term'),
                ),
                migrations.AlterField(
                    model_name='selfreviewreport',
                    name='term',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='self_review_report', to='terms.term', verbose_name='nhiệm kỳ'),
                ),
            ],
        ),
    ]
