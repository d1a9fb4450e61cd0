using Npgsql;
using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>The named queries of the other-privilege tables (Sql/OtherPrivilegeRows.sql).</summary>
internal static class OtherPrivilegeRows
{
    private const string File = "OtherPrivilegeRows";

    public static Task<List<OtherPrivilege>> AllAsync(Db db) => db.ListAsync(File, "All", Read);

    public static Task<OtherPrivilege?> OneAsync(Db db, string code) => db.SingleAsync(File, "One", Read, code);

    public static async Task<OtherPrivilege> InsertAsync(Db db, string code, string description, bool active, int? sequence) =>
        (await db.SingleAsync(File, "Insert", Read, code, description, active, sequence))!;

    public static Task UpdateAsync(Db db, OtherPrivilege privilege) =>
        db.ExecuteAsync(File, "Update", privilege.Code, privilege.Description, privilege.Active, privilege.Sequence);

    public static Task<List<OtherPrivilege>> OfPrisonLevelAsync(Db db, string prisonId, string levelCode) =>
        db.ListAsync(File, "OfPrisonLevel", Read, prisonId, levelCode);

    public static Task AssignAsync(Db db, string prisonId, string levelCode, string privilegeCode) =>
        db.ExecuteAsync(File, "Assign", prisonId, levelCode, privilegeCode);

    public static Task UnassignAsync(Db db, string prisonId, string levelCode, string privilegeCode) =>
        db.ExecuteAsync(File, "Unassign", prisonId, levelCode, privilegeCode);

    private static OtherPrivilege Read(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetInt32(3));
}
