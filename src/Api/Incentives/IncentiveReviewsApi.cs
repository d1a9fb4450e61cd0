using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OrleansSync.Api.Http;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.ReferenceData;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Api.Incentives;

/// <summary>
/// The DPS side of incentive reviews, in incentives-api's shape: create a review for a prisoner, read a
/// prisoner's or a booking's current review (with history on <c>?with-details=true</c>), read one review.
/// A created review is sent to NOMIS by the sync.
/// </summary>
public static class IncentiveReviewsApi
{
    public static IEndpointRouteBuilder MapIncentiveReviewsApi(this IEndpointRouteBuilder app)
    {
        var reviews = app.MapGroup("/incentive-reviews").WithTags("Incentives");

        reviews.MapGet("/prisoner/{prisonerNumber}", GetPrisonerSummaryAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetPrisonerIncentiveReviews")
            .WithSummary("The current incentive review of the prisoner's latest booking")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        reviews.MapPost("/prisoner/{prisonerNumber}", CreateAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("CreateIncentiveReview")
            .WithSummary("Record an incentive review for a prisoner; it becomes current and is sent to NOMIS")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        reviews.MapGet("/booking/{bookingId}", GetBookingSummaryAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetBookingIncentiveReviews")
            .WithSummary("The current incentive review of a booking")
            .ProducesProblem(StatusCodes.Status404NotFound);

        reviews.MapGet("/id/{id}", GetReviewAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetIncentiveReview")
            .WithSummary("One incentive review")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    internal static async Task<Results<Ok<IncentiveReviewSummary>, ValidationProblem, ProblemHttpResult>> GetPrisonerSummaryAsync(
        string prisonerNumber,
        IGrainFactory grains,
        [FromQuery(Name = "with-details")] bool? withDetails = null)
    {
        if (!PrisonerNumbers.IsValid(prisonerNumber))
        {
            return InvalidPrisonerNumber();
        }

        return await grains.GetGrain<IIncentiveReviewReaderGrain>($"prisoner/{prisonerNumber}").GetPrisonerSummaryAsync(prisonerNumber, withDetails ?? false) is { } summary
            ? TypedResults.Ok(summary)
            : ApiProblems.NotFound("No current incentive review", $"Prisoner {prisonerNumber} has no current incentive review.");
    }

    internal static async Task<Results<Ok<IncentiveReviewSummary>, ProblemHttpResult>> GetBookingSummaryAsync(
        long bookingId,
        IGrainFactory grains,
        [FromQuery(Name = "with-details")] bool? withDetails = null) =>
        await grains.GetGrain<IIncentiveReviewReaderGrain>($"booking/{bookingId}").GetBookingSummaryAsync(bookingId, withDetails ?? false) is { } summary
            ? TypedResults.Ok(summary)
            : ApiProblems.NotFound("No current incentive review", $"Booking {bookingId} has no current incentive review.");

    internal static async Task<Results<Ok<IncentiveReviewDetail>, ProblemHttpResult>> GetReviewAsync(long id, IGrainFactory grains) =>
        await grains.GetGrain<IIncentiveReviewReaderGrain>($"review/{id}").GetReviewAsync(id) is { } review
            ? TypedResults.Ok(review)
            : ApiProblems.NotFound("No such incentive review", $"There is no incentive review {id}.");

    internal static async Task<Results<Created<IncentiveReviewDetail>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string prisonerNumber,
        CreateIncentiveReviewRequest request,
        IGrainFactory grains)
    {
        // The levels a review may carry come from the reference data; the prisoner's prison is checked by the grain.
        var active = await grains.GetGrain<IIncentiveLevelListGrain>(IIncentiveLevelListGrain.Key).GetAllAsync(withInactive: false);
        var errors = request.Validate([.. active.Select(l => l.Code)]);
        if (!PrisonerNumbers.IsValid(prisonerNumber))
        {
            errors["prisonerNumber"] = [PrisonerNumberRule];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var result = await grains.GetGrain<IIncentivePrisonerGrain>(prisonerNumber).CreateReviewAsync(request.ToReview());
        return result.Status switch
        {
            CreateReviewStatus.Created => TypedResults.Created($"/incentive-reviews/id/{result.Review!.Id}", result.Review),
            CreateReviewStatus.LevelNotActive => ApiProblems.Invalid("iepLevel", result.Detail ?? "The level is not active in the prisoner's prison."),
            CreateReviewStatus.PrisonerNotFound => ApiProblems.NotFound("Prisoner not found", result.Detail ?? $"NOMIS has no prisoner {prisonerNumber}."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The prisoner's booking is unknown", detail: result.Detail),
        };
    }

    internal const string PrisonerNumberRule = "Must be a NOMS number: a capital letter, four digits and two capital letters, e.g. A1234AA.";

    internal static ValidationProblem InvalidPrisonerNumber() => ApiProblems.Invalid("prisonerNumber", PrisonerNumberRule);
}
