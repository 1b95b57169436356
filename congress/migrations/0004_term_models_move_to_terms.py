"""The term's models now belong to the terms app: state only, no table is touched.

The congress's links to its terms point at terms.Term (the same table).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('congress', '0003_verbose_names_of_target_links'),
        ('terms', '0001_initial'),
        # Every link to the moved models is repointed before they leave this app's state.
        ('reports', '0002_term_links_to_terms'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='assignment',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='assignment',
                    name='term',
                ),
                migrations.RemoveField(
                    model_name='committeeseat',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='committeeseat',
                    name='term',
                ),
                migrations.RemoveField(
                    model_name='historicalassignment',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalassignment',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='historicalassignment',
                    name='term',
                ),
                migrations.RemoveField(
                    model_name='historicalcommitteeseat',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalcommitteeseat',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='historicalcommitteeseat',
                    name='term',
                ),
                migrations.RemoveField(
                    model_name='historicalprogressentry',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalprogressentry',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='historicalprogressentry',
                    name='target',
                ),
                migrations.RemoveField(
                    model_name='historicalresolution',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalresolution',
                    name='term',
                ),
                migrations.RemoveField(
                    model_name='historicaltarget',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicaltarget',
                    name='resolution',
                ),
                migrations.RemoveField(
                    model_name='historicaltarget',
                    name='responsible',
                ),
                migrations.RemoveField(
                    model_name='historicalterm',
                    name='branch',
                ),
                migrations.RemoveField(
                    model_name='historicalterm',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='progressentry',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='progressentry',
                    name='target',
                ),
                migrations.RemoveField(
                    model_name='resolution',
                    name='term',
                ),
                migrations.RemoveField(
                    model_name='target',
                    name='resolution',
                ),
                migrations.RemoveField(
                    model_name='target',
                    name='responsible',
                ),
                migrations.RemoveField(
                    model_name='term',
                    name='branch',
                ),
                migrations.AlterField(
                    model_name='congress',
                    name='closes_term',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='closing_congress', to='terms.term', verbose_name='nhiệm kỳ kết thúc'),
                ),
                migrations.AlterField(
                    model_name='historicalcongress',
                    name='opens_term',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='terms.term', verbose_name='nhiệm kỳ mới'),
                ),
                migrations.AlterField(
                    model_name='historicalcongress',
                    name='closes_term',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='terms.term', verbose_name='nhiệm kỳ kết thúc'),
                ),
                migrations.AlterField(
                    model_name='congress',
                    name='opens_term',
                    field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='opening_congress', to='terms.term', verbose_name='nhiệm kỳ mới'),
                ),
                migrations.DeleteModel(
                    name='Assignment',
                ),
                migrations.DeleteModel(
                    name='CommitteeSeat',
                ),
                migrations.DeleteModel(
                    name='HistoricalAssignment',
                ),
                migrations.DeleteModel(
                    name='HistoricalCommitteeSeat',
                ),
                migrations.DeleteModel(
                    name='HistoricalProgressEntry',
                ),
                migrations.DeleteModel(
                    name='HistoricalResolution',
                ),
                migrations.DeleteModel(
                    name='HistoricalTarget',
                ),
                migrations.DeleteModel(
                    name='HistoricalTerm',
                ),
                migrations.DeleteModel(
                    name='ProgressEntry',
                ),
                migrations.DeleteModel(
                    name='Resolution',
                ),
                migrations.DeleteModel(
                    name='Target',
                ),
                migrations.DeleteModel(
                    name='Term',
                ),
            ],
        ),
    ]
