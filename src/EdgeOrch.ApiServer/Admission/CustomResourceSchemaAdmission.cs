using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Http;
using EdgeOrch.ApiServer.Storage;

namespace EdgeOrch.ApiServer.Admission;

/// <summary>
/// Makes custom resources honour their CRD's structural schema on create and update (main resource and status):
/// unknown fields are pruned, defaults applied, then the result is validated and a 422 Invalid is answered with
/// Kubernetes' messages. fieldValidation=Strict has already rejected unknown fields by the time this runs.
/// </summary>
public sealed class CustomResourceSchemaAdmission : IAdmissionPlugin
{
    public bool Handles(ResourceType type) => type is { IsCustom: true, Schema: not null };

    public ValueTask MutateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (request.Operation == AdmissionOperation.Delete || request.Type.Schema is not { } schema)
            return ValueTask.CompletedTask;
        var obj = request.Object;
        CustomResourceSchemaPruner.Prune(obj, schema);
        CustomResourceSchemaDefaulter.Apply(obj, schema);
        var errors = CustomResourceSchemaValidator.Validate(obj, schema);
        if (errors.Count > 0)
            throw ApiException.Invalid(request.Type.Kind, request.Type.Group, ObjectMeta.Name(obj) ?? "", errors);
        return ValueTask.CompletedTask;
    }

    public void Committed(AdmissionRequest request)
    {
    }
}
