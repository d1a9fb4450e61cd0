-- The grid areas and suppliers the datahub simulator generates (its default seed 20240101; listed by
-- GET /sim/datahub/admin/reference_data), the contract fixtures' codes (which fail the EIC/GLN check
-- characters: reference data is taken as the datahub has it, only the contract's patterns apply) and
-- the OpenAPI examples'. Production adds its own with a later migration or by hand.
insert into metering_grid_area (business_id, name)
values
    ('10Y1001A1001A264', 'Contract fixture grid area'),
    ('10YNO-1--------2', 'OpenAPI example grid area'),
    ('50Y2B4ZKYPCN755N', null), ('50YPQGKZQ7K1BMT8', null), ('50YOIK0JBMW3DECU', null), ('50Y3Q4PGLCATG5PU', null),
    ('50Y1P4MMPLROBB1X', null), ('50YDOTCL91BB4H80', null), ('50YLI4FYCZ7DVZTE', null), ('50Y6Z9ESNNRF2CRW', null),
    ('50YS0OKFTDW8W04A', null), ('50YL5SBB4OIPZ5MY', null), ('50YZNIOHQSJ6CMYJ', null), ('50YOFRJH2LAY4TNR', null),
    ('50YUBFBEU2SU1KRE', null), ('50YBPFI3HY8IUNWA', null), ('50YC40MEVNUUVT56', null), ('50YAH5CAU3MU08R0', null),
    ('50YN37H6K40NJZ98', null), ('50YTGEZEPXGVA7LD', null), ('50YCLYOQ01CW9ZB6', null), ('50YN6N9QTHQIVJTS', null),
    ('50YG4852RWDVL5KX', null), ('50YMF9NIMDJH2B71', null), ('50Y2OP2SG3G248MK', null), ('50YSWA4DLF212NB1', null),
    ('50YJU8VHZCDS03EZ', null), ('50Y1TKEHOIH7NUL0', null), ('50YC96VN86Z1EJXL', null), ('50Y88Z3RVTRTW2JO', null),
    ('50Y01KCK53V0MI8O', null), ('50YSHPKU3CM9N69C', null)
on conflict (business_id) do nothing;

insert into energy_supplier (business_id, name)
values
    ('1234567890123', 'Contract fixture supplier'),
    ('7080012345678', 'OpenAPI example supplier'),
    ('7080087654321', 'OpenAPI example supplier'),
    ('7082201474470', null), ('7056462089025', null), ('7093492663450', null), ('7091992562266', null),
    ('7092003057665', null), ('7054477483753', null), ('7073997465469', null), ('7036742623514', null),
    ('7018680572178', null), ('7072478631386', null), ('7039302979519', null), ('7014864960922', null),
    ('7074468110567', null), ('7031068156500', null), ('7087706348295', null), ('7092101857112', null),
    ('7077387031722', null), ('7030584973042', null), ('7062766190497', null), ('7068442138265', null)
on conflict (business_id) do nothing;
