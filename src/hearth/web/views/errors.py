from django.shortcuts import render


def _page(request, status: int, title: str, message: str):
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"detail": title}, status=status)
    return render(request, "web/error.html", {"title": title, "message": message}, status=status)


def not_found(request, exception=None):
    return _page(request, 404, "Page not found",
                 "If you typed the web address, check it is correct. The record may not exist, "
                 "or you may not have access to it.")


def forbidden(request, exception=None):
    return _page(request, 403, "You do not have permission to do this",
                 str(exception) if exception and str(exception) else
                 "Your role does not allow this. Speak to your manager if you need it.")


def bad_request(request, exception=None):
    return _page(request, 400, "Sorry, there is a problem with that request",
                 "Go back and try again.")


def server_error(request):
    return _page(request, 500, "Sorry, there is a problem with the service",
                 "Try again later. Nothing you entered was saved.")
