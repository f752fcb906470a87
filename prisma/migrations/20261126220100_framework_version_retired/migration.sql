-- Issue #13, item 1: an operator retires a framework version (kept for history, not offered for new evaluations).
ALTER TABLE "FrameworkVersion" ADD COLUMN "retiredAt" TIMESTAMPTZ(3);
