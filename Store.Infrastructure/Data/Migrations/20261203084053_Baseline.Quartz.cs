using Microsoft.EntityFrameworkCore.Migrations;

namespace Store.Infrastructure.Data.Migrations;

/// <summary>
/// The tables of Quartz.NET 4.x's ADO.NET job store for PostgreSQL, under the prefix "qrtz_". Quartz owns them and reads
/// them with its own SQL, so they stay out of the EF model. The shape follows the PostgreSQL script the Quartz 4.7
/// package provisions itself with; Quartz validates at startup that every table and column 4.x added can be queried.
/// The three history tables are only read when a scheduler opts into UseExecutionHistory; they exist so that turning
/// it on later needs no migration. Times are .NET ticks (UTC) in bigint columns, as Quartz.NET writes them.
/// </summary>
public partial class Baseline
{
    private static void CreateQuartzTables(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            CREATE TABLE qrtz_job_details (
                sched_name text NOT NULL,
                job_name text NOT NULL,
                job_group text NOT NULL,
                description text NULL,
                job_class_name text NOT NULL,
                is_durable bool NOT NULL,
                is_nonconcurrent bool NOT NULL,
                is_update_data bool NOT NULL,
                requests_recovery bool NOT NULL,
                job_data bytea NULL,
                CONSTRAINT pk_qrtz_job_details PRIMARY KEY (sched_name, job_name, job_group)
            );

            CREATE TABLE qrtz_triggers (
                sched_name text NOT NULL,
                trigger_name text NOT NULL,
                trigger_group text NOT NULL,
                job_name text NOT NULL,
                job_group text NOT NULL,
                description text NULL,
                next_fire_time bigint NULL,
                prev_fire_time bigint NULL,
                priority integer NULL,
                trigger_state text NOT NULL,
                trigger_type text NOT NULL,
                start_time bigint NOT NULL,
                end_time bigint NULL,
                calendar_name text NULL,
                misfire_instr smallint NULL,
                misfire_orig_fire_time bigint NULL,
                execution_group varchar(200) NULL,
                preferred_node varchar(200) NULL,
                preferred_node_auto bool NOT NULL DEFAULT false,
                retry_policy varchar(250) NULL,
                retry_attempt integer NULL,
                continues_trigger_name text NULL,
                continues_trigger_group text NULL,
                continuation_condition integer NULL,
                overlap_policy integer NULL,
                pause_reason varchar(250) NULL,
                paused_by varchar(200) NULL,
                paused_at bigint NULL,
                misfire_threshold bigint NULL,
                fixed_delay bool NULL,
                job_data bytea NULL,
                CONSTRAINT pk_qrtz_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group),
                CONSTRAINT fk_qrtz_triggers_job_details FOREIGN KEY (sched_name, job_name, job_group)
                    REFERENCES qrtz_job_details (sched_name, job_name, job_group)
            );

            CREATE TABLE qrtz_simple_triggers (
                sched_name text NOT NULL,
                trigger_name text NOT NULL,
                trigger_group text NOT NULL,
                repeat_count bigint NOT NULL,
                repeat_interval bigint NOT NULL,
                times_triggered bigint NOT NULL,
                CONSTRAINT pk_qrtz_simple_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group),
                CONSTRAINT fk_qrtz_simple_triggers_triggers FOREIGN KEY (sched_name, trigger_name, trigger_group)
                    REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
            );

            CREATE TABLE qrtz_cron_triggers (
                sched_name text NOT NULL,
                trigger_name text NOT NULL,
                trigger_group text NOT NULL,
                cron_expression text NOT NULL,
                time_zone_id text NULL,
                CONSTRAINT pk_qrtz_cron_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group),
                CONSTRAINT fk_qrtz_cron_triggers_triggers FOREIGN KEY (sched_name, trigger_name, trigger_group)
                    REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
            );

            CREATE TABLE qrtz_simprop_triggers (
                sched_name text NOT NULL,
                trigger_name text NOT NULL,
                trigger_group text NOT NULL,
                str_prop_1 text NULL,
                str_prop_2 text NULL,
                str_prop_3 text NULL,
                int_prop_1 integer NULL,
                int_prop_2 integer NULL,
                long_prop_1 bigint NULL,
                long_prop_2 bigint NULL,
                dec_prop_1 numeric NULL,
                dec_prop_2 numeric NULL,
                bool_prop_1 bool NULL,
                bool_prop_2 bool NULL,
                time_zone_id text NULL,
                CONSTRAINT pk_qrtz_simprop_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group),
                CONSTRAINT fk_qrtz_simprop_triggers_triggers FOREIGN KEY (sched_name, trigger_name, trigger_group)
                    REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
            );

            CREATE TABLE qrtz_blob_triggers (
                sched_name text NOT NULL,
                trigger_name text NOT NULL,
                trigger_group text NOT NULL,
                blob_data bytea NULL,
                CONSTRAINT pk_qrtz_blob_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group),
                CONSTRAINT fk_qrtz_blob_triggers_triggers FOREIGN KEY (sched_name, trigger_name, trigger_group)
                    REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
            );

            CREATE TABLE qrtz_calendars (
                sched_name text NOT NULL,
                calendar_name text NOT NULL,
                calendar bytea NOT NULL,
                CONSTRAINT pk_qrtz_calendars PRIMARY KEY (sched_name, calendar_name)
            );

            CREATE TABLE qrtz_paused_trigger_grps (
                sched_name text NOT NULL,
                trigger_group text NOT NULL,
                pause_reason varchar(250) NULL,
                paused_by varchar(200) NULL,
                paused_at bigint NULL,
                CONSTRAINT pk_qrtz_paused_trigger_grps PRIMARY KEY (sched_name, trigger_group)
            );

            CREATE TABLE qrtz_paused_job_grps (
                sched_name text NOT NULL,
                job_group text NOT NULL,
                pause_reason varchar(250) NULL,
                paused_by varchar(200) NULL,
                paused_at bigint NULL,
                CONSTRAINT pk_qrtz_paused_job_grps PRIMARY KEY (sched_name, job_group)
            );

            CREATE TABLE qrtz_fired_triggers (
                sched_name text NOT NULL,
                entry_id text NOT NULL,
                trigger_name text NOT NULL,
                trigger_group text NOT NULL,
                instance_name text NOT NULL,
                fired_time bigint NOT NULL,
                sched_time bigint NOT NULL,
                priority integer NOT NULL,
                state text NOT NULL,
                job_name text NULL,
                job_group text NULL,
                is_nonconcurrent bool NOT NULL,
                requests_recovery bool NULL,
                execution_group varchar(200) NULL,
                progress integer NULL,
                progress_message varchar(250) NULL,
                interrupt_requested_time bigint NULL,
                CONSTRAINT pk_qrtz_fired_triggers PRIMARY KEY (sched_name, entry_id)
            );

            CREATE TABLE qrtz_scheduler_state (
                sched_name text NOT NULL,
                instance_name text NOT NULL,
                last_checkin_time bigint NOT NULL,
                checkin_interval bigint NOT NULL,
                quartz_version varchar(20) NULL,
                CONSTRAINT pk_qrtz_scheduler_state PRIMARY KEY (sched_name, instance_name)
            );

            CREATE TABLE qrtz_locks (
                sched_name text NOT NULL,
                lock_name text NOT NULL,
                CONSTRAINT pk_qrtz_locks PRIMARY KEY (sched_name, lock_name)
            );

            CREATE TABLE qrtz_execution_history (
                sched_name text NOT NULL,
                entry_id text NOT NULL,
                instance_name text NOT NULL,
                job_name text NOT NULL,
                job_group text NOT NULL,
                trigger_name text NOT NULL,
                trigger_group text NOT NULL,
                fired_time bigint NOT NULL,
                run_time bigint NOT NULL,
                succeeded bool NOT NULL,
                error_message text NULL,
                retry_attempt integer NOT NULL DEFAULT 0,
                retry_scheduled bool NOT NULL DEFAULT false,
                execution_log text NULL,
                result integer NULL,
                summary text NULL,
                metrics text NULL,
                manual bool NULL,
                fire_instance_id text NULL,
                job_input text NULL,
                job_input_too_large bool NULL,
                CONSTRAINT pk_qrtz_execution_history PRIMARY KEY (sched_name, entry_id)
            );

            CREATE TABLE qrtz_misfire_history (
                sched_name text NOT NULL,
                entry_id text NOT NULL,
                instance_name text NOT NULL,
                trigger_name text NOT NULL,
                trigger_group text NOT NULL,
                job_name text NULL,
                job_group text NULL,
                misfire_time bigint NOT NULL,
                sched_time bigint NULL,
                reason integer NULL,
                CONSTRAINT pk_qrtz_misfire_history PRIMARY KEY (sched_name, entry_id)
            );

            CREATE TABLE qrtz_job_status (
                sched_name text NOT NULL,
                job_group text NOT NULL,
                job_name text NOT NULL,
                first_fired_time bigint NOT NULL,
                last_fired_time bigint NOT NULL,
                last_result integer NOT NULL,
                last_run_time bigint NOT NULL,
                last_instance_name text NOT NULL,
                last_entry_id text NULL,
                last_summary text NULL,
                last_success_time bigint NULL,
                last_failure_time bigint NULL,
                last_failure_message text NULL,
                consecutive_failures integer NOT NULL DEFAULT 0,
                run_count bigint NOT NULL DEFAULT 0,
                failure_count bigint NOT NULL DEFAULT 0,
                CONSTRAINT pk_qrtz_job_status PRIMARY KEY (sched_name, job_group, job_name)
            );

            CREATE INDEX idx_qrtz_j_g_n ON qrtz_job_details (sched_name, job_group, job_name);
            CREATE INDEX idx_qrtz_t_j ON qrtz_triggers (sched_name, job_name, job_group);
            CREATE INDEX idx_qrtz_t_g_n ON qrtz_triggers (sched_name, trigger_group, trigger_name);
            CREATE INDEX idx_qrtz_t_c ON qrtz_triggers (sched_name, calendar_name);
            -- The acquisition query: the next due triggers in a state, by fire time then priority.
            CREATE INDEX idx_qrtz_t_nft_st ON qrtz_triggers (sched_name, trigger_state, next_fire_time ASC, priority DESC, misfire_instr);
            -- Cluster recovery: the firings a dead node left behind.
            CREATE INDEX idx_qrtz_ft_inst_job_req_rcvry ON qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
            CREATE INDEX idx_qrtz_ft_j_g ON qrtz_fired_triggers (sched_name, job_name, job_group);
            CREATE INDEX idx_qrtz_ft_t_g ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
            CREATE INDEX idx_qrtz_eh_fired_time ON qrtz_execution_history (sched_name, fired_time);
            CREATE INDEX idx_qrtz_eh_inst ON qrtz_execution_history (sched_name, instance_name);
            CREATE INDEX idx_qrtz_eh_job_time ON qrtz_execution_history (sched_name, job_group, job_name, fired_time);
            CREATE INDEX idx_qrtz_eh_fire_inst ON qrtz_execution_history (sched_name, fire_instance_id);
            CREATE INDEX idx_qrtz_eh_trig_time ON qrtz_execution_history (sched_name, trigger_group, trigger_name, fired_time);
            CREATE INDEX idx_qrtz_mh_misfire_time ON qrtz_misfire_history (sched_name, misfire_time);
            CREATE INDEX idx_qrtz_mh_inst ON qrtz_misfire_history (sched_name, instance_name);
            """);
}
