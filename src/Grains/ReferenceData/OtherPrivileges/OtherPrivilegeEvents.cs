namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>
/// incentives.other-privileges.changed, in the envelope of the other reference-data events (version "1.0",
/// occurredAt with its UK offset, description): the seed's OTHER_PRIVILEGES_LEVEL_CHANGE. The real service
/// publishes no such event (the merged ADR kept other privileges in NOMIS), so the name and the
/// additionalInformation follow incentives.level.changed and incentives.prison-level.changed.
/// </summary>
internal static class OtherPrivilegeEvents
{
    public const string Changed = "incentives.other-privileges.changed";

    /// <summary>A privilege code was created or changed: <c>{privilegeCode}</c>.</summary>
    public static string Privilege(string code, TimeProvider time) =>
        ReferenceDataEvents.Write(Changed, $"An other privilege has been changed: {code}", time, json => json.WriteString("privilegeCode", code));

    /// <summary>The set of privileges of a prison level changed: <c>{incentiveLevel, prisonId}</c>, as incentives.prison-level.changed.</summary>
    public static string PrisonLevel(string prisonId, string levelCode, TimeProvider time) =>
        ReferenceDataEvents.Write(Changed, $"Other privileges of incentive level ({levelCode}) in prison {prisonId} have been updated", time, json =>
        {
            json.WriteString("incentiveLevel", levelCode);
            json.WriteString("prisonId", prisonId);
        });
}
