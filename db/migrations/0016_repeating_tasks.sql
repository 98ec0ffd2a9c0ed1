ALTER TABLE "task" ADD COLUMN "repeat_rule" text;--> statement-breakpoint
ALTER TABLE "task" ADD COLUMN "repeat_mode" text;--> statement-breakpoint
ALTER TABLE "task" ADD COLUMN "repeat_of" uuid;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_repeat_of_fk" FOREIGN KEY ("repeat_of") REFERENCES "public"."task"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_repeat_of_idx" ON "task" USING btree ("repeat_of") WHERE "task"."repeat_of" is not null;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_repeat_check" CHECK (("task"."repeat_rule" is null) = ("task"."repeat_mode" is null) and ("task"."repeat_rule" is null or "task"."due_date" is not null) and ("task"."repeat_mode" is null or "task"."repeat_mode" in ('due', 'completion')));