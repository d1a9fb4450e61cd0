-- Reviews take their level from the reference data now (a level active in the prisoner's prison, checked by
-- the prisoner's grain), so a level created here (EN4, ...) can be given: the hard-coded list goes.
alter table incentive_review drop constraint incentive_review_level_code_known;
