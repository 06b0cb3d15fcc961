using ApiAuth.AspNetCore.Authorization;
using ApiAuth.Gateway;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ApiAuth.AspNetCore.Tests.Adapter;

/// <summary>A controller protected with AWS_IAM, with actions that override it.</summary>
[ApiController]
[Route("controller/pets")]
[ApiAuthorize(AuthorizationType.AwsIam)]
public sealed class PetsController : ControllerBase
{
    [HttpGet]
    public IActionResult List() => Ok(new { arn = User.FindFirst("arn")?.Value, authenticated = User.Identity?.IsAuthenticated });

    [HttpGet("open")]
    [ApiAuthorize(AuthorizationType.None)]
    public IActionResult Open() => Ok(new { authenticated = User.Identity?.IsAuthenticated });

    [HttpGet("anonymous")]
    [AllowAnonymous]
    public IActionResult Anonymous() => Ok();
}
